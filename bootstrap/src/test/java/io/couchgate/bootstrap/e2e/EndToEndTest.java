package io.couchgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.bootstrap.secrets.FileSecretsStore;
import io.couchgate.bootstrap.testing.RecordingRelay;
import io.couchgate.bootstrap.testing.RunningCouchgate;
import io.couchgate.domain.CouchCredentials;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Everything real: a fresh CouchDB ({@code CouchDbExtension.freshServer()}: a dev server in admin party, or the
 * COUCHDB_URL server with a bootstrap admin), couchgate wired as in production. Signup → login →
 * proxied CRUD → logout → 401; restart → the old token gets 401 and its session user is gone.
 */
class EndToEndTest {

    private static CouchDbServer couch;
    private static Path dataDir;

    @BeforeAll
    static void startCouchDb() throws IOException {
        couch = CouchDbExtension.freshServer();
        dataDir = Files.createTempDirectory("couchgate-e2e").resolve("data");
    }

    @AfterAll
    static void stopCouchDb() {
        couch.close();
    }

    @Test
    void signUp_logIn_crudThroughTheProxy_logOut_thenTheTokenIsRefused_andARestartRevokesEveryToken()
            throws Exception {
        String token;
        try (RunningCouchgate app = RunningCouchgate.start(couch, dataDir, Map.of())) {
            assertThat(app.send("PUT", "/api/users", "{\"username\":\"Alice\",\"password\":\"vivid-otter-gains-42-lamps\"}",
                    null).statusCode()).isEqualTo(201);
            token = logIn(app, "alice", "vivid-otter-gains-42-lamps");

            HttpResponse<String> created = app.send("PUT", "/database/posts/alice:note%2F1",
                    "{\"owner\":\"alice\",\"text\":\"hello\"}", token);
            assertThat(created.statusCode()).isEqualTo(201);
            HttpResponse<String> read = app.send("GET", "/database/posts/alice:note%2F1", null, token);
            assertThat(read.statusCode()).isEqualTo(200);
            Map<String, Object> doc = json(app, read.body());
            assertThat(doc).containsEntry("_id", "alice:note/1").containsEntry("owner", "alice")
                    .containsEntry("text", "hello");
            assertThat(app.send("PUT", "/database/posts/alice:note%2F2", "{\"owner\":\"bob\"}", token).statusCode())
                    .isEqualTo(403);

            HttpResponse<String> current = app.send("GET", "/api/sessions/current", null, token);
            assertThat(current.statusCode()).isEqualTo(200);
            assertThat(json(app, current.body())).containsEntry("username", "alice");

            assertThat(app.send("DELETE", "/api/sessions/current", null, token).statusCode()).isEqualTo(204);
            HttpResponse<String> afterLogout = app.send("GET", "/database/posts/alice:note%2F1", null, token);
            assertThat(afterLogout.statusCode()).isEqualTo(401);
            assertThat(json(app, afterLogout.body())).containsEntry("error", "unauthorized");

            token = logIn(app, "alice", "vivid-otter-gains-42-lamps");
            assertThat(app.send("GET", "/database/posts/alice:note%2F1", null, token).statusCode()).isEqualTo(200);
            assertThat(sessionUserIds()).hasSize(1);
        }
        try (RunningCouchgate restarted = RunningCouchgate.start(couch, dataDir, Map.of())) {
            assertThat(restarted.send("GET", "/database/posts/alice:note%2F1", null, token).statusCode())
                    .isEqualTo(401);
            assertThat(restarted.send("GET", "/api/sessions/current", null, token).statusCode()).isEqualTo(401);
            assertThat(sessionUserIds()).isEmpty();
            String fresh = logIn(restarted, "alice", "vivid-otter-gains-42-lamps");
            assertThat(restarted.send("GET", "/database/posts/alice:note%2F1", null, fresh).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void health_isUp_downWhenCouchDbGoesAway_andUpAgainWhenItIsBack_withoutARestart() throws Exception {
        try (RecordingRelay relay = RecordingRelay.start(couch.url().getPort());
             RunningCouchgate app = RunningCouchgate.start(couch, URI.create("http://127.0.0.1:" + relay.port()),
                     dataDir, Map.of())) {
            assertHealth(app, 200, "UP");

            relay.down();
            assertHealth(app, 503, "DOWN");

            relay.up();
            assertHealth(app, 200, "UP");
        }
    }

    @Test
    void firstStart_endedAdminParty_andKeptTheSecretsOwnerOnly() throws Exception {
        try (RunningCouchgate app = RunningCouchgate.start(couch, dataDir, Map.of())) {
            HttpResponse<String> session = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(couch.url() + "/_session")).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(json(app, session.body()).get("userCtx").toString()).doesNotContain("_admin");
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dataDir.resolve("secrets.properties")))).isEqualTo("rw-------");
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        }
    }

    private static void assertHealth(RunningCouchgate app, int status, String couchDbStatus) throws IOException {
        HttpResponse<String> health = app.send("GET", "/health", null, null);
        assertThat(health.statusCode()).isEqualTo(status);
        Map<String, Object> body = json(app, health.body());
        assertThat(body).containsEntry("status", couchDbStatus);
        assertThat(((Map<?, ?>) ((Map<?, ?>) body.get("details")).get("couchdb")).get("status"))
                .isEqualTo(couchDbStatus);
    }

    private static String logIn(RunningCouchgate app, String username, String password) throws IOException {
        HttpResponse<String> login = app.send("PUT", "/api/sessions",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}", null);
        assertThat(login.statusCode()).isEqualTo(201);
        Map<String, Object> body = json(app, login.body());
        assertThat(body).containsEntry("tokenType", "Bearer").containsEntry("username", username);
        return (String) body.get("token");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(RunningCouchgate app, String body) throws IOException {
        return app.context().getBean(JsonMapper.class).readValue(body, Map.class);
    }

    /** Session users in {@code _users}, read as couchgate's admin (from the secrets file). */
    private static java.util.List<String> sessionUserIds() throws Exception {
        CouchCredentials admin = new FileSecretsStore(dataDir).load().orElseThrow().admin();
        String basic = Base64.getEncoder().encodeToString((admin.name() + ":" + admin.password())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(couch.url() + "/_users/_all_docs"
                        + "?startkey=%22org.couchdb.user%3Ausers%2F%22&endkey=%22org.couchdb.user%3Ausers%2F%EF%BF%B0%22"))
                .header("Authorization", "Basic " + basic).header("Accept", "application/json").build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return java.util.regex.Pattern.compile("\"id\":\"(org\\.couchdb\\.user:users/[^\"]+)\"")
                .matcher(response.body()).results().map(m -> m.group(1)).toList();
    }
}
