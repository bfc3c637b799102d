package io.couchgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/deploy.md, "Backup and restore", done as written: back up {@code app_users}, {@code posts} and
 * {@code secrets.properties}; restore them onto a fresh CouchDB (documents with their revisions through
 * {@code _bulk_docs} and {@code new_edits:false}, couchgate's admin created from the secrets file); start couchgate
 * there: the account logs in with its old password and reads its note.
 */
class BackupRestoreEndToEndTest {

    private static final String PASSWORD = "vivid-otter-gains-42-lamps";
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;

    @Test
    void backedUpDatabasesAndSecrets_restoredOnAFreshCouchDb_loginAndDataAreBack() throws Exception {
        Path dataA = tmp.resolve("a-data");
        Path dataB = tmp.resolve("b-data");
        Map<String, List<Map<String, Object>>> backup;
        String note = "{\"owner\":\"alice\",\"text\":\"remember the milk\"}";
        // Dev servers only, whatever the shared server is: the restore needs a second, different CouchDB that starts
        // in admin party (the backup is written into it anonymously before any admin exists, as an operator
        // restores onto a new CouchDB 2 or dev server); COUCHDB_URL names one server, and CouchDB 3 has no admin
        // party.
        try (CouchDbServer old = CouchDbExtension.startFreshDevServer()) {
            try (CouchgateProcess a = CouchgateProcess.launch(CouchgateProcess.freePort(), old.url(), dataA,
                    tmp.resolve("a.out")).awaitHealthy()) {
                assertThat(a.send("PUT", "/api/users", credentials(), null).statusCode()).isEqualTo(201);
                String token = logIn(a);
                assertThat(a.send("PUT", "/database/posts/alice:note1", note, token).statusCode()).isEqualTo(201);
                a.stop();
            }
            CouchAdmin admin = new CouchAdmin(old.url(), dataA);
            backup = Map.of("app_users", dump(admin, "app_users"), "posts", dump(admin, "posts"));
        }
        SecretsFile.copy(dataA, dataB);

        try (CouchDbServer fresh = CouchDbExtension.startFreshDevServer()) {
            for (Map.Entry<String, List<Map<String, Object>>> db : backup.entrySet()) {
                assertThat(anonymous(fresh.url(), "PUT", "/" + db.getKey(), null).statusCode()).isEqualTo(201);
                String body = CouchAdmin.toJson(Map.of("docs", db.getValue(), "new_edits", false));
                HttpResponse<String> restored = anonymous(fresh.url(), "POST", "/" + db.getKey() + "/_bulk_docs",
                        body);
                assertThat(restored.statusCode()).as(restored.body()).isEqualTo(201);
                assertThat(restored.body()).doesNotContain("\"error\"");
            }
            String adminName = SecretsFile.value(dataB, "admin.name");
            String adminPassword = SecretsFile.value(dataB, "admin.password");
            String adminPath = "/_config/admins/" + CouchAdmin.encode(adminName);
            HttpResponse<String> created = anonymous(fresh.url(), "PUT", "/_node/_local" + adminPath,
                    CouchAdmin.toJson(adminPassword));
            if (created.statusCode() == 404) {
                // The dev server (PouchDB Server) has no /_node/{node}/_config, only CouchDB 1.x's /_config
                // (../shared/couchdb-notes.md); CouchDB 3 answers the first request 200.
                created = anonymous(fresh.url(), "PUT", adminPath, CouchAdmin.toJson(adminPassword));
            }
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

            try (CouchgateProcess b = CouchgateProcess.launch(CouchgateProcess.freePort(), fresh.url(), dataB,
                    tmp.resolve("b.out")).awaitHealthy()) {
                String token = logIn(b);
                HttpResponse<String> read = b.send("GET", "/database/posts/alice:note1", null, token);
                assertThat(read.statusCode()).isEqualTo(200);
                Map<String, Object> doc = CouchAdmin.json(read.body());
                assertThat(doc).containsEntry("owner", "alice").containsEntry("text", "remember the milk");
            }
        }
    }

    /** @return every document of {@code db} with its revision and attachments, as the backup keeps them */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> dump(CouchAdmin admin, String db) throws Exception {
        HttpResponse<String> all = admin.send("GET", "/" + db + "/_all_docs?include_docs=true&attachments=true",
                null);
        assertThat(all.statusCode()).isEqualTo(200);
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object row : (List<Object>) CouchAdmin.json(all.body()).get("rows")) {
            docs.add((Map<String, Object>) ((Map<String, Object>) row).get("doc"));
        }
        assertThat(docs).isNotEmpty();
        return docs;
    }

    private static HttpResponse<String> anonymous(URI couch, String method, String path, String json)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(couch + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String logIn(CouchgateProcess app) throws Exception {
        HttpResponse<String> login = app.send("PUT", "/api/sessions", credentials(), null);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(201);
        Matcher m = TOKEN.matcher(login.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String credentials() {
        return "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}";
    }
}
