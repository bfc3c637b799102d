package io.couchgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.bootstrap.secrets.FileSecretsStore;
import io.couchgate.bootstrap.testing.RunningCouchgate;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.Session;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.SessionStore;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Everything real: a session whose CouchDB user is deleted from {@code _users} behind couchgate's back (directly, as
 * couchgate's admin) is dropped at its next {@code /database} request, which gets couchgate's own 401; in both
 * session modes. Each test has a CouchDB and a data folder of its own.
 */
class VanishedSessionUserEndToEndTest {

    private static final String PASSWORD = "amber-falcon-drums-61-pines";
    private static final String REVOKED = "{\"error\":\"unauthorized\",\"reason\":\"The session token is invalid, "
            + "expired or revoked.\"}";
    private CouchDbServer couch;
    private Path dataDir;

    @BeforeEach
    void start() throws Exception {
        couch = CouchDbExtension.freshServer();
        dataDir = Files.createTempDirectory("couchgate-vanished").resolve("data");
    }

    @AfterEach
    void stop() {
        couch.close();
    }

    @Test
    void sessionUserDeletedInCouchDb_getsCouchgates401_onDatabaseAndApi_andTheSessionIsGone() throws Exception {
        try (RunningCouchgate app = RunningCouchgate.start(couch, dataDir, Map.of())) {
            assertThat(app.send("PUT", "/api/users", credentials(), null).statusCode()).isEqualTo(201);
            HttpResponse<String> login = app.send("PUT", "/api/sessions", credentials(), null);
            assertThat(login.statusCode()).isEqualTo(201);
            String token = (String) app.context().getBean(JsonMapper.class).readValue(login.body(), Map.class)
                    .get("token");
            String doc = "/database/posts/erin%3Anote";
            assertThat(app.send("PUT", doc, "{\"owner\":\"erin\",\"text\":\"hi\"}", token).statusCode())
                    .isEqualTo(201);
            assertThat(app.send("GET", doc, null, token).statusCode()).isEqualTo(200);
            List<Session> sessions = app.context().getBean(SessionStore.class).findByUsername(Username.of("erin"));
            assertThat(sessions).hasSize(1);

            deleteDirectly("org.couchdb.user:" + sessions.get(0).credentials().name(),
                    app.context().getBean(JsonMapper.class));
            HttpResponse<String> refused = app.send("GET", doc, null, token);

            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).isEqualTo(REVOKED);
            assertThat(refused.headers().allValues("WWW-Authenticate"))
                    .containsExactly("Bearer realm=\"couchgate\", error=\"invalid_token\"");
            assertThat(app.send("GET", "/api/sessions/current", null, token).statusCode()).isEqualTo(401);
            assertThat(app.context().getBean(SessionStore.class).findByUsername(Username.of("erin"))).isEmpty();
            assertThat(app.send("GET", doc, null, token).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void firstRequestAfterTheUserVanished_onARawConnection_getsCouchgates401_notAnEmptyReply_relayAndFeed()
            throws Exception {
        try (RunningCouchgate app = RunningCouchgate.start(couch.url(), dataDir, Map.of())) {
            assertThat(app.send("PUT", "/api/users", credentials(), null).statusCode()).isEqualTo(201);
            String relayed = logInAndVanish(app);
            // a client that, unlike java.net.http, does not resend a GET whose connection closed unanswered
            expectCouchgates401(app, "/database/posts/_all_docs", relayed);
            String changes = logInAndVanish(app);
            expectCouchgates401(app, "/database/posts/_changes", changes);
            String feed = logInAndVanish(app);
            expectCouchgates401(app, "/database/posts/_changes?feed=continuous", feed);
        }
    }

    /** Logs erin in, checks that CouchDB accepts the session, then deletes its session user behind couchgate. */
    private String logInAndVanish(RunningCouchgate app) throws Exception {
        HttpResponse<String> login = app.send("PUT", "/api/sessions", credentials(), null);
        assertThat(login.statusCode()).isEqualTo(201);
        String token = (String) app.json(login.body()).get("token");
        assertThat(app.send("GET", "/database/posts/_all_docs", null, token).statusCode()).isEqualTo(200);
        deleteDirectly("org.couchdb.user:" + SessionTokens.sessionUserName(token),
                app.context().getBean(JsonMapper.class));
        return token;
    }

    private static void expectCouchgates401(RunningCouchgate app, String target, String token) throws Exception {
        try (RawStream raw = RawStream.get(app.uri("/").getPort(), 64 * 1024, target, token)) {
            assertThat(raw.readHead()).as(target).isEqualTo(401);
            assertThat(raw.header("www-authenticate"))
                    .isEqualTo("Bearer realm=\"couchgate\", error=\"invalid_token\"");
            String body = new String(raw.readExactly(Integer.parseInt(raw.header("content-length"))),
                    StandardCharsets.UTF_8);
            assertThat(body).isEqualTo(REVOKED);
        }
        assertThat(app.send("GET", "/api/sessions/current", null, token).statusCode()).isEqualTo(401);
    }

    @Test
    void durableMode_sessionUserDeletedInCouchDb_getsCouchgates401_onDatabaseAndApi_andItsSessionDocIsGone()
            throws Exception {
        try (RunningCouchgate app = RunningCouchgate.start(couch, dataDir,
                Map.of("couchgate.sessions.store", "couchdb"))) {
            assertThat(app.send("PUT", "/api/users", credentials(), null).statusCode()).isEqualTo(201);
            HttpResponse<String> login = app.send("PUT", "/api/sessions", credentials(), null);
            assertThat(login.statusCode()).isEqualTo(201);
            String token = (String) app.json(login.body()).get("token");
            String doc = "/database/posts/erin%3Anote";
            assertThat(app.send("PUT", doc, "{\"owner\":\"erin\",\"text\":\"hi\"}", token).statusCode())
                    .isEqualTo(201);
            assertThat(app.send("GET", doc, null, token).statusCode()).isEqualTo(200);
            String user = SessionTokens.sessionUserName(token);
            assertThat(user).startsWith("users/" + SecretsFile.deploymentId(dataDir) + "/erin/");
            CouchAdmin admin = new CouchAdmin(couch.url(), dataDir);
            String sessionDoc = "/" + CouchAdmin.SESSIONS_DB + "/" + SessionTokens.digest(SessionTokens.sid(token));
            assertThat(admin.send("GET", sessionDoc, null).statusCode()).isEqualTo(200);

            admin.deleteUser(user);
            HttpResponse<String> refused = app.send("GET", doc, null, token);

            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).isEqualTo(REVOKED);
            assertThat(refused.headers().allValues("WWW-Authenticate"))
                    .containsExactly("Bearer realm=\"couchgate\", error=\"invalid_token\"");
            assertThat(app.send("GET", "/api/sessions/current", null, token).statusCode()).isEqualTo(401);
            assertThat(app.send("GET", doc, null, token).statusCode()).isEqualTo(401);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos(); // generous: shared machines
            while (admin.send("GET", sessionDoc, null).statusCode() != 404) {
                assertThat(System.nanoTime()).as("session doc deleted within 30 s").isLessThan(deadline);
                Thread.sleep(50); // poll pause; the deadline above bounds the wait
            }
        }
    }

    /** Deletes a {@code _users} doc as couchgate's admin (read from the secrets file), bypassing couchgate. */
    private void deleteDirectly(String id, JsonMapper json) throws Exception {
        CouchCredentials admin = new FileSecretsStore(dataDir).load().orElseThrow().admin();
        String basic = "Basic " + Base64.getEncoder().encodeToString((admin.name() + ":" + admin.password())
                .getBytes(StandardCharsets.UTF_8));
        URI doc = URI.create(couch.url() + "/_users/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> current = http.send(HttpRequest.newBuilder(doc).header("Authorization", basic)
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(current.statusCode()).isEqualTo(200);
        String rev = (String) json.readValue(current.body(), Map.class).get("_rev");
        HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(URI.create(doc + "?rev="
                        + URLEncoder.encode(rev, StandardCharsets.UTF_8))).header("Authorization", basic)
                .header("Accept", "application/json").DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isEqualTo(200);
    }

    private static String credentials() {
        return "{\"username\":\"erin\",\"password\":\"" + PASSWORD + "\"}";
    }
}
