package io.couchgate.bootstrap.browser;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
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

    /** Signs up, which logs in at once: waits until the notes screen names the user and its sync is live. */
    void signUp(String username, String password) {
        type(testId("signup-username"), username);
        type(testId("signup-password"), password);
        driver.findElement(testId("signup-submit")).click();
        waitForNotesOf(username);
    }

    /**
     * Submits the signup form with what must be refused; waits for the error banner.
     *
     * @return the banner's first line (title and detail), then each listed problem and suggestion, as shown
     */
    List<String> signUpRefused(String username, String password) {
        type(testId("signup-username"), username);
        type(testId("signup-password"), password);
        driver.findElement(testId("signup-submit")).click();
        WebElement banner = waitUpTo(PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(
                testId("error-message")));
        List<String> shown = new ArrayList<>();
        shown.add(banner.getText().lines().findFirst().orElse(""));
        banner.findElements(By.cssSelector("li")).forEach(item -> shown.add(item.getText()));
        return shown;
    }

    /** @return the signup rules the form shows, one a line (empty when none are shown) */
    String signupRules() {
        return driver.findElements(testId("signup-rules")).stream().filter(WebElement::isDisplayed)
                .map(WebElement::getText).findFirst().orElse("");
    }

    /** @return whether the note with this {@code _id} shows an Edit or a Delete button */
    boolean offersChanges(String id) {
        WebElement note = waitUpTo(PATIENCE).until(d -> note(id));
        return !note.findElements(testId("note-edit")).isEmpty() || !note.findElements(testId("note-delete"))
                .isEmpty();
    }

    /** Types into the new-note field without adding it. */
    void typeDraft(String text) {
        type(testId("note-input"), text);
    }

    /** @return what the new-note field holds */
    String draft() {
        return driver.findElement(testId("note-input")).getDomProperty("value");
    }

    /** @return every {@code sessionStorage} entry of the page, key to value */
    @SuppressWarnings("unchecked")
    Map<String, String> sessionStorage() {
        return (Map<String, String>) ((JavascriptExecutor) driver).executeScript(
                "return Object.fromEntries(Object.entries(sessionStorage));");
    }

    /** Waits up to {@code timeout} for the login form, e.g. after the server ended the session. */
    void waitForLoginForm(Duration timeout) {
        waitUpTo(timeout).until(ExpectedConditions.visibilityOfElementLocated(testId("login-form")));
    }

    /** @return the text of the neutral notice, or empty */
    Optional<String> notice() {
        return textOf(testId("info-message"));
    }

    /** Resizes the browser window (headless: the viewport) to {@code width} × {@code height} CSS pixels. */
    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        waitUpTo(PATIENCE).until(d -> ((Number) ((JavascriptExecutor) d).executeScript("return innerWidth;"))
                .intValue() == width);
    }

    /**
     * Measures the notes screen's header.
     *
     * @return {@code [viewport width, header height, Log out button height, title height, title font size]}, px
     */
    List<Double> headerMetrics() {
        List<?> values = (List<?>) ((JavascriptExecutor) driver).executeScript("""
                const header = document.querySelector('header.topbar');
                const title = header.querySelector('h1');
                const button = header.querySelector('[data-testid="logout"]');
                return [innerWidth, header.getBoundingClientRect().height, button.getBoundingClientRect().height,
                        title.getBoundingClientRect().height, parseFloat(getComputedStyle(title).fontSize)];""");
        return values.stream().map(v -> ((Number) v).doubleValue()).toList();
    }

    /** Logs in and waits until the notes screen names the user and its sync is live. */
    void logIn(String username, String password) {
        type(testId("login-username"), username);
        type(testId("login-password"), password);
        driver.findElement(testId("login-submit")).click();
        waitForNotesOf(username);
    }

    private void waitForNotesOf(String username) {
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
