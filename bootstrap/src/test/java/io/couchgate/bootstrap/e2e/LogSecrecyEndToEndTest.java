package io.couchgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.bootstrap.testing.RecordingRelay;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full flow on a forked couchgate (signup, login, a {@code /database} write and read, a refused {@code /database}
 * request, password change, logout everywhere, account deletion, stop) with the audit log in JSON and couchgate's
 * loggers at DEBUG; then its whole output is searched for every secret the flow used: both passwords, each token and
 * its signature, every CouchDB credential couchgate sent (session users' and the admin's, as seen by a relay in
 * front of CouchDB: the passwords and the Basic values), the JWT secret and the admin password of the secrets file.
 * A hit names the secret, never prints it.
 */
class LogSecrecyEndToEndTest {

    private static final String OLD = "mossy-lantern-drifts-58-owls";
    private static final String NEW = "brisk-harbor-sings-71-kites";

    @TempDir
    Path tmp;

    @Test
    void fullFlowWithJsonAuditAndDebugLogging_logsNoSecret() throws Exception {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("old password", OLD);
        secrets.put("new password", NEW);
        Path dataDir = tmp.resolve("data");
        String output;
        try (CouchDbServer couch = CouchDbExtension.freshServer();
             RecordingRelay relay = RecordingRelay.start(couch.url().getPort())) {
            int port = CouchgateProcess.freePort();
            try (CouchgateProcess app = CouchgateProcess.launch(couch.couchgateEnvironment(), port,
                    URI.create("http://127.0.0.1:" + relay.port()),
                    dataDir, tmp.resolve("couchgate.out"), "-couchgate.audit.format=json",
                    "-logger.levels.io.couchgate=DEBUG", "-logger.levels.couchgate=DEBUG").awaitHealthy()) {
                runFlow(app, secrets);
                assertThat(app.stop()).isEqualTo(143);
                output = app.output();
            }
            collectCouchDbCredentials(relay, secrets);
        }
        secrets.put("JWT secret", SecretsFile.value(dataDir, "jwt-secret"));
        secrets.put("admin password", SecretsFile.value(dataDir, "admin.password"));

        assertThat(output).contains("\"event\":\"database-refused\"", "\"event\":\"account-deletion\"");
        assertThat(secrets.keySet()).anyMatch(name -> name.startsWith("session user password"))
                .anyMatch(name -> name.startsWith("admin password (sent)"));
        List<String> leaked = new ArrayList<>();
        secrets.forEach((name, value) -> {
            if (output.contains(value)) {
                leaked.add(name);
            }
        });
        assertThat(leaked).as("secrets found in the log").isEmpty();
    }

    private static void runFlow(CouchgateProcess app, Map<String, String> secrets) throws Exception {
        String body = "{\"username\":\"carla\",\"password\":\"" + OLD + "\"}";
        assertThat(app.send("PUT", "/api/users", body, null).statusCode()).isEqualTo(201);
        String first = logIn(app, OLD, secrets, "first token");
        String second = logIn(app, OLD, secrets, "second token");
        HttpResponse<String> write = app.send("PUT", "/database/posts/carla:note", "{\"owner\":\"carla\"}", first);
        assertThat(write.statusCode()).as(write.body()).isEqualTo(201);
        assertThat(app.send("GET", "/database/posts/carla:note", null, second).statusCode()).isEqualTo(200);
        assertThat(app.send("GET", "/database/_users/_all_docs", null, first).statusCode()).isEqualTo(403);
        assertThat(app.send("GET", "/database/posts/carla:note", null, "not." + first).statusCode()).isEqualTo(401);
        assertThat(app.send("PUT", "/api/users/current/password",
                "{\"currentPassword\":\"" + OLD + "\",\"newPassword\":\"" + NEW + "\"}", first).statusCode())
                .isEqualTo(204);
        assertThat(app.send("PUT", "/api/sessions", body, null).statusCode()).isEqualTo(401);
        assertThat(app.send("DELETE", "/api/sessions", null, first).statusCode()).isEqualTo(204);
        String third = logIn(app, NEW, secrets, "third token");
        assertThat(app.send("DELETE", "/api/users/current", "{\"password\":\"" + NEW + "\"}", third).statusCode())
                .isEqualTo(204);
    }

    private static String logIn(CouchgateProcess app, String password, Map<String, String> secrets, String name)
            throws Exception {
        HttpResponse<String> login = app.send("PUT", "/api/sessions",
                "{\"username\":\"carla\",\"password\":\"" + password + "\"}", null);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(201);
        String token = (String) CouchAdmin.json(login.body()).get("token");
        secrets.put(name, token);
        secrets.put(name + " signature", token.substring(token.lastIndexOf('.') + 1));
        return token;
    }

    /** Every Basic credential couchgate sent to CouchDB: the base64 value and the password in it. */
    private static void collectCouchDbCredentials(RecordingRelay relay, Map<String, String> secrets) {
        int n = 0;
        for (List<String> head : relay.requestHeads()) {
            for (String line : head) {
                if (!line.regionMatches(true, 0, "Authorization: Basic ", 0, 21)) {
                    continue;
                }
                String basic = line.substring(21).trim();
                if (secrets.containsValue(basic)) {
                    continue;
                }
                String decoded = new String(Base64.getDecoder().decode(basic), StandardCharsets.UTF_8);
                String user = decoded.substring(0, decoded.indexOf(':'));
                n++;
                secrets.put("Basic credential " + n, basic);
                String kind = user.startsWith("users/") ? "session user password " : "admin password (sent) ";
                secrets.put(kind + n, decoded.substring(decoded.indexOf(':') + 1));
            }
        }
    }
}
