package io.couchgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.bootstrap.secrets.FileSecretsStore;
import io.couchgate.bootstrap.testing.RunningCouchgate;
import io.couchgate.domain.CouchCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Non-ASCII usernames (RFC 8265) end to end: the session user's CouchDB name and role, the {@code <username>:}
 * document prefix and {@code owner} checked by {@code validate_doc_update}, percent-encoded ids on the way, and the
 * per-user {@code _local} documents.
 */
class UnicodeUsernameEndToEndTest {

    private static final String PASSWORD = "vivid-otter-gains-42-lamps";
    private static final String JUERGEN = "jürgen";
    private static final String LI_LEI = "李雷";

    private static CouchDbServer couch;
    private static Path dataDir;

    @BeforeAll
    static void startCouchDb() throws IOException {
        couch = CouchDbExtension.freshServer();
        dataDir = Files.createTempDirectory("couchgate-e2e-unicode").resolve("data");
    }

    @AfterAll
    static void stopCouchDb() {
        couch.close();
    }

    @Test
    void juergenSignsUp_logsIn_writesAndReadsHisNote_andLiLeiCannotOverwriteIt() throws Exception {
        try (RunningCouchgate app = RunningCouchgate.start(couch, dataDir, Map.of())) {
            assertThat(signUp(app, "Jürgen")).isEqualTo(Map.of("username", JUERGEN));
            assertThat(signUp(app, LI_LEI)).isEqualTo(Map.of("username", LI_LEI));
            String juergen = logIn(app, "JÜRGEN", JUERGEN);
            String liLei = logIn(app, LI_LEI, LI_LEI);
            List<Map<String, Object>> sessionUsers = sessionUsers(app);
            assertThat(sessionUsers).extracting(user -> user.get("roles"))
                    .containsExactlyInAnyOrder(List.of("end_user", "user:" + JUERGEN), List.of("end_user",
                            "user:" + LI_LEI));
            assertThat(sessionUsers).extracting(user -> ((String) user.get("name")).split("/")[2])
                    .containsExactlyInAnyOrder(JUERGEN, LI_LEI);

            String note = "/database/posts/" + segment(JUERGEN + ":note1");
            HttpResponse<String> created = app.send("PUT", note, "{\"owner\":\"jürgen\",\"text\":\"Grüße\"}",
                    juergen);
            assertThat(created.statusCode()).isEqualTo(201);
            Map<String, Object> read = app.json(app.send("GET", note, null, juergen).body());
            assertThat(read).containsEntry("_id", "jürgen:note1").containsEntry("owner", JUERGEN)
                    .containsEntry("text", "Grüße");
            String rev = (String) read.get("_rev");

            HttpResponse<String> readByLiLei = app.send("GET", note, null, liLei);
            assertThat(readByLiLei.statusCode()).isEqualTo(200);
            HttpResponse<String> overwrite = app.send("PUT", note,
                    "{\"_rev\":\"" + rev + "\",\"owner\":\"jürgen\",\"text\":\"taken over\"}", liLei);
            assertThat(overwrite.statusCode()).isEqualTo(403);
            assertThat(app.json(overwrite.body())).containsEntry("error", "forbidden")
                    .containsEntry("reason", "_id must start with 李雷: followed by a name");
            HttpResponse<String> asOwnOwner = app.send("PUT", note,
                    "{\"_rev\":\"" + rev + "\",\"owner\":\"李雷\",\"text\":\"taken over\"}", liLei);
            assertThat(asOwnOwner.statusCode()).isEqualTo(403);

            assertThat(app.json(app.send("GET", note, null, juergen).body())).containsEntry("_rev", rev)
                    .containsEntry("text", "Grüße");
            HttpResponse<String> liLeisOwn = app.send("PUT", "/database/posts/" + segment(LI_LEI + ":note1"),
                    "{\"owner\":\"李雷\",\"text\":\"你好\"}", liLei);
            assertThat(liLeisOwn.statusCode()).isEqualTo(201);
            HttpResponse<String> updated = app.send("PUT", note,
                    "{\"_rev\":\"" + rev + "\",\"owner\":\"jürgen\",\"text\":\"Grüße 2\"}", juergen);
            assertThat(updated.statusCode()).isEqualTo(201);

            // _local docs are stored as _local/<username>:<id>, percent-encoded by couchgate on the way.
            assertThat(app.send("PUT", "/database/posts/_local/checkpoint", "{\"seq\":1}", juergen).statusCode())
                    .isEqualTo(201);
            assertThat(app.json(app.send("GET", "/database/posts/_local/checkpoint", null, juergen).body()))
                    .containsEntry("_id", "_local/checkpoint").containsEntry("seq", 1);
            assertThat(app.send("GET", "/database/posts/_local/checkpoint", null, liLei).statusCode()).isEqualTo(404);
        }
    }

    private static Map<String, Object> signUp(RunningCouchgate app, String username) throws IOException {
        HttpResponse<String> response = app.send("PUT", "/api/users",
                "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}", null);
        assertThat(response.statusCode()).isEqualTo(201);
        return app.json(response.body());
    }

    private static String logIn(RunningCouchgate app, String typed, String canonical) throws IOException {
        HttpResponse<String> response = app.send("PUT", "/api/sessions",
                "{\"username\":\"" + typed + "\",\"password\":\"" + PASSWORD + "\"}", null);
        assertThat(response.statusCode()).isEqualTo(201);
        Map<String, Object> body = app.json(response.body());
        assertThat(body).containsEntry("username", canonical);
        String token = (String) body.get("token");
        assertThat(app.json(app.send("GET", "/api/sessions/current", null, token).body()))
                .containsEntry("username", canonical);
        return token;
    }

    /** A document id as one path segment: UTF-8 percent-encoded, {@code :} kept (as CouchDbPaths does). */
    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":");
    }

    /** The session users' docs in {@code _users}, read as couchgate's admin (from the secrets file). */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> sessionUsers(RunningCouchgate app) throws Exception {
        CouchCredentials admin = new FileSecretsStore(dataDir).load().orElseThrow().admin();
        String basic = Base64.getEncoder().encodeToString((admin.name() + ":" + admin.password())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(couch.url() + "/_users/_all_docs?include_docs=true"
                        + "&startkey=%22org.couchdb.user%3Ausers%2F%22&endkey=%22org.couchdb.user%3Ausers%2F%EF%BF%B0%22"))
                .header("Authorization", "Basic " + basic).header("Accept", "application/json").build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> page = app.json(response.body());
        return ((List<Map<String, Object>>) page.get("rows")).stream()
                .map(row -> (Map<String, Object>) row.get("doc")).toList();
    }
}
