package io.couchgate.bootstrap.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.bootstrap.testing.RunningCouchgate;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, in a real browser: the built example app served from a second origin (another loopback port, with its
 * own strict CSP), calling couchgate on its origin across CORS ({@code couchgate.cors.allowed-origins} names the
 * second origin). alice signs up, logs in, adds a note and sees one that bob wrote through the API arrive by the live
 * pull; the console shows no CORS or CSP error. The screenshot and console log end up in {@code bootstrap/target/e2e/}
 * as {@code cross-origin.png} and {@code cross-origin-console.log}.
 */
class CrossOriginNotesTest {

    private static final String PASSWORD = "vivid-otter-gains-42-lamps";

    @TempDir
    static Path temp;
    private static Path out;
    private static CouchDbServer couch;
    private static SecondOrigin site;
    private static RunningCouchgate app;

    @BeforeAll
    static void startCouchgateAndTheSecondOrigin() throws Exception {
        Path root = ExampleApp.repositoryRoot();
        out = Files.createDirectories(root.resolve("bootstrap/target/e2e"));
        site = new SecondOrigin(ExampleApp.builtDist(root, out));
        couch = CouchDbExtension.freshServer();
        app = RunningCouchgate.start(couch, temp.resolve("data"), Map.of(
                "couchgate.cors.allowed-origins", List.of(site.origin())));
        site.callCouchgateAt(app.uri("/"));
    }

    @AfterAll
    static void stopAll() {
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            try {
                if (couch != null) {
                    couch.close();
                }
            } finally {
                if (site != null) {
                    site.close();
                }
            }
        }
    }

    @Test
    void appFromAnotherOrigin_signsUp_logsIn_writes_andSyncs() throws Exception {
        assertThat(site.origin()).isNotEqualTo(app.uri("").toString());
        try (Chromium browser = Chromium.start("cross-origin", out)) {
            NotesPage alice = new NotesPage(browser.driver());
            try {
                alice.open(java.net.URI.create(site.origin() + "/"));
                alice.signUp("alice", PASSWORD);
                aliceAddsANote_storedOnCouchgate(alice);
                bobsNoteWrittenThroughTheApi_reachesAlicesPage(alice);
            } catch (Throwable failure) {
                saveEvidence(browser, failure);
                throw failure;
            }
            saveEvidence(browser, null);
        }
        assertThat(Files.readAllLines(out.resolve("cross-origin-console.log")))
                .noneMatch(line -> line.contains("CORS") || line.contains("Access-Control")
                        || line.contains("Content Security Policy") || line.contains("violates the following")
                        || line.contains("Refused to"));
    }

    private static void aliceAddsANote_storedOnCouchgate(NotesPage alice) throws Exception {
        alice.addNote("Written across origins");
        String id = alice.waitForNote("alice", "Written across origins", NotesPage.PATIENCE);
        HttpResponse<String> stored = app.send("GET", "/database/posts/" + id.replace(":", "%3A"), null,
                alice.storedToken().orElseThrow());
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(app.json(stored.body())).containsEntry("owner", "alice")
                .containsEntry("text", "Written across origins");
    }

    private static void bobsNoteWrittenThroughTheApi_reachesAlicesPage(NotesPage alice) throws Exception {
        String credentials = "{\"username\":\"bob\",\"password\":\"" + PASSWORD + "\"}";
        assertThat(app.send("PUT", "/api/users", credentials, null).statusCode()).isEqualTo(201);
        HttpResponse<String> login = app.send("PUT", "/api/sessions", credentials, null);
        assertThat(login.statusCode()).isEqualTo(201);
        String token = (String) app.json(login.body()).get("token");
        HttpResponse<String> put = app.send("PUT", "/database/posts/bob:from-the-api",
                "{\"owner\":\"bob\",\"text\":\"Hello from bob\",\"createdAt\":\"2026-01-01T00:00:00Z\"}", token);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);

        assertThat(alice.waitForNote("bob", "Hello from bob", NotesPage.PATIENCE)).isEqualTo("bob:from-the-api");
    }

    private static void saveEvidence(Chromium browser, Throwable failure) throws Exception {
        try {
            browser.saveEvidence(out, "cross-origin");
        } catch (Exception e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }
}
