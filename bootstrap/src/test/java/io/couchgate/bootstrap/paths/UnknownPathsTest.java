package io.couchgate.bootstrap.paths;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.bootstrap.testing.RunningCouchgate;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * couchgate wired as in production ({@code application.yml}): a path that exists nowhere is 404, not
 * micronaut-security's 401, with and without the browser app ({@code couchgate.ui.enabled}, mapped at {@code /**});
 * {@code /health}, {@code /api}, {@code /database} and the app's files keep their answers. Both runs share one fresh
 * CouchDB ({@code CouchDbExtension.freshServer()}) and one data directory (the first run makes couchgate's admin and
 * keeps it in its secrets file).
 */
class UnknownPathsTest {

    private static final String INDEX = "<!doctype html><title>notes</title>";
    private static final String SCRIPT = "console.log('notes');";

    @TempDir
    static Path temp;
    private static CouchDbServer couch;

    @BeforeAll
    static void startCouchDb() {
        couch = CouchDbExtension.freshServer();
    }

    @AfterAll
    static void stopCouchDb() {
        couch.close();
    }

    @Test
    void withoutTheUi_unknownPathsAre404_andTheKnownOnesKeepTheirAnswers() {
        try (RunningCouchgate app = RunningCouchgate.start(couch, temp.resolve("data"), Map.of())) {
            for (String path : new String[] {"/nope", "/metrics", "/", "/index.html", "/assets/app.js", "/healthz"}) {
                assertNotFound(app, "GET", path);
            }
            assertNotFound(app, "POST", "/nope");
            assertKnownPathsUnchanged(app);
        }
    }

    @Test
    void withTheUi_itsFilesAreServed_andUnknownPathsAre404() throws Exception {
        Path dist = Files.createDirectories(temp.resolve("dist/assets"));
        Files.writeString(temp.resolve("dist/index.html"), INDEX);
        Files.writeString(dist.resolve("app.js"), SCRIPT);
        try (RunningCouchgate app = RunningCouchgate.start(couch, temp.resolve("data"), Map.of(
                "couchgate.ui.enabled", true, "couchgate.ui.dir", temp.resolve("dist").toAbsolutePath().toString()))) {
            assertServed(app, "/", INDEX);
            assertServed(app, "/index.html", INDEX);
            assertServed(app, "/assets/app.js", SCRIPT);
            for (String path : new String[] {"/nope", "/metrics", "/assets/missing.js", "/healthz"}) {
                assertNotFound(app, "GET", path);
            }
            assertKnownPathsUnchanged(app);
        }
    }

    private static void assertKnownPathsUnchanged(RunningCouchgate app) {
        HttpResponse<String> health = app.send("GET", "/health", null, null);
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        HttpResponse<String> api = app.send("GET", "/api/nothing-here", null, null);
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.headers().firstValue("Content-Type")).contains("application/problem+json");
        HttpResponse<String> session = app.send("GET", "/api/sessions/current", null, null);
        assertThat(session.statusCode()).isEqualTo(401);
        HttpResponse<String> database = app.send("GET", "/database/posts/_all_docs", null, null);
        assertThat(database.statusCode()).isEqualTo(401);
        assertThat(database.body()).contains("\"error\":\"unauthorized\"");
        HttpResponse<String> otherDatabase = app.send("GET", "/database/nope", null, null);
        assertThat(otherDatabase.statusCode()).isEqualTo(401);
    }

    private static void assertNotFound(RunningCouchgate app, String method, String path) {
        HttpResponse<String> response = app.send(method, path, null, null);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(404);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    private static void assertServed(RunningCouchgate app, String path, String body) {
        HttpResponse<String> response = app.send("GET", path, null, null);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.body()).isEqualTo(body);
    }
}
