package io.couchgate.bootstrap.browser;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The example app (examples/react-notes) in one browser, through the {@code data-testid}s its README lists. Every
 * step waits with a deadline ({@link #PATIENCE} unless told): no sleeps.
 */
final class NotesPage {

    /** Generous, for page loads, logins and a loaded 2-core machine; a passing run never waits this long. */
    static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final String SESSION_KEY = "couchgate.session";
    private static final String FIND_NOTE = """
            const [owner, text] = arguments;
            for (const note of document.querySelectorAll('[data-testid="note-item"]')) {
              const shown = note.querySelector('[data-testid="note-text"]');
              if (note.dataset.owner === owner && shown && shown.textContent === text) return note.dataset.id;
            }
            return null;""";

    private final WebDriver driver;

    NotesPage(WebDriver driver) {
        this.driver = driver;
    }

    static By testId(String id) {
        return By.cssSelector("[data-testid=\"" + id + "\"]");
    }

    /** Opens the app and waits for its login form. */
    void open(URI app) {
        driver.get(app.toString());
        waitUpTo(PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(testId("login-form")));
    }

    /** Signs up and waits for the "Account … created" notice; returns its text. */
    String signUp(String username, String password) {
        type(testId("signup-username"), username);
        type(testId("signup-password"), password);
        driver.findElement(testId("signup-submit")).click();
        return waitUpTo(PATIENCE).until(d -> {
            String notice = textOf(testId("info-message")).orElse("");
            return notice.contains("created") ? notice : null;
        });
    }

    /** Logs in and waits until the notes screen names the user and its sync is live. */
    void logIn(String username, String password) {
        type(testId("login-username"), username);
        type(testId("login-password"), password);
        driver.findElement(testId("login-submit")).click();
        waitUpTo(PATIENCE).until(ExpectedConditions.textToBe(testId("current-user"), username));
        waitUpTo(PATIENCE).until(ExpectedConditions.attributeToBe(testId("sync-status"), "data-state", "live"));
    }

    /** Types a note and clicks Add; returns at once. */
    void addNote(String text) {
        type(testId("note-input"), text);
        driver.findElement(testId("note-add")).click();
    }

    /**
     * Waits up to {@code timeout} for a note of {@code owner} with exactly {@code text}; returns its {@code _id}.
     * Each poll is one script in the page (not a WebDriver call per element), so polling stays cheap and quick.
     */
    String waitForNote(String owner, String text, Duration timeout) {
        return waitUpTo(timeout).until(d -> (String) ((JavascriptExecutor) d).executeScript(FIND_NOTE, owner, text));
    }

    /** @return the shown text of the note with this {@code _id} (waits for the note, not for a text) */
    String noteText(String id) {
        return waitUpTo(PATIENCE).until(d -> note(id).findElement(testId("note-text")).getText());
    }

    /** Clicks Edit on the note, replaces its text and clicks Save; then waits for the edit form to close. */
    void edit(String id, String newText) {
        note(id).findElement(testId("note-edit")).click();
        WebElement input = waitUpTo(PATIENCE).until(d -> note(id).findElement(testId("note-edit-input")));
        input.clear();
        input.sendKeys(newText);
        note(id).findElement(testId("note-save")).click();
        waitUpTo(PATIENCE).until(d -> note(id).findElements(testId("note-edit-input")).isEmpty());
    }

    /** Waits for the error banner and returns its text, e.g. {@code forbidden: _id must start with bob: …}. */
    String errorMessage() {
        return waitUpTo(PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(testId("error-message")))
                .getText();
    }

    /** @return the logged-in username the notes screen shows (fails when the notes screen is not shown) */
    String currentUser() {
        return driver.findElement(testId("current-user")).getText();
    }

    /** @return the session token the app keeps in {@code sessionStorage}, or empty when it keeps none */
    Optional<String> storedToken() {
        Object token = ((JavascriptExecutor) driver).executeScript(
                "const s = sessionStorage.getItem(arguments[0]); return s === null ? null : JSON.parse(s).token;",
                SESSION_KEY);
        return Optional.ofNullable((String) token);
    }

    /** Clicks Log out and waits for the login form. */
    void logOut() {
        driver.findElement(testId("logout")).click();
        waitUpTo(PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(testId("login-form")));
    }

    private WebElement note(String id) {
        return driver.findElement(By.cssSelector("[data-testid=\"note-item\"][data-id=\"" + id + "\"]"));
    }

    private Optional<String> textOf(By locator) {
        return driver.findElements(locator).stream().findFirst().map(WebElement::getText);
    }

    private void type(By locator, String text) {
        WebElement input = driver.findElement(locator);
        input.clear();
        input.sendKeys(text);
    }

    private WebDriverWait waitUpTo(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, POLL);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }
}
