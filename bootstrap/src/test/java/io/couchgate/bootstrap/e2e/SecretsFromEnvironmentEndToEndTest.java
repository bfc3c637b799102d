package io.couchgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two couchgate processes given every secret by environment variables (as a secret manager would), each with an
 * empty data folder, on one CouchDB in admin party: the first creates the configured admin, the second finds it;
 * neither writes a secrets file or logs a secret.
 */
class SecretsFromEnvironmentEndToEndTest {

    private static final String PASSWORD = "vivid-otter-gains-42-lamps";
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static CouchDbServer couch;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startCouchDb() {
        couch = CouchDbExtension.freshServer();
    }

    @AfterAll
    static void stopCouchDb() {
        couch.close();
    }

    @Test
    void twoInstancesWithTheSameFiveVariablesAndEmptyFolders_shareTheAdmin_andWriteNoSecretsFile() throws Exception {
        SecureRandom random = new SecureRandom();
        String jwt = base64Url(random, 32);
        String sessionKey = base64Url(random, 32);
        String adminPassword = base64Url(random, 24);
        Map<String, String> env = new java.util.HashMap<>(couch.couchgateEnvironment());
        env.putAll(Map.of("COUCHGATE_SECRETS_JWT_SECRET", jwt,
                "COUCHGATE_SECRETS_SESSION_KEY", sessionKey,
                "COUCHGATE_SECRETS_DEPLOYMENT_ID", UUID.randomUUID().toString(),
                "COUCHGATE_SECRETS_ADMIN_NAME", "couchgate-admin-fromenv",
                "COUCHGATE_SECRETS_ADMIN_PASSWORD", adminPassword));
        Path dataA = tmp.resolve("a-data");
        Path dataB = tmp.resolve("b-data");

        try (CouchgateProcess a = CouchgateProcess.launch(env, CouchgateProcess.freePort(), couch.url(), dataA,
                tmp.resolve("a.out")).awaitHealthy();
             CouchgateProcess b = CouchgateProcess.launch(env, CouchgateProcess.freePort(), couch.url(), dataB,
                tmp.resolve("b.out")).awaitHealthy()) {
            assertThat(a.send("PUT", "/api/users", credentials(), null).statusCode()).isEqualTo(201);
            for (CouchgateProcess app : new CouchgateProcess[] {a, b}) {
                String token = logIn(app);
                assertThat(app.send("PUT", "/database/posts/alice:note-" + app.port(),
                        "{\"owner\":\"alice\",\"text\":\"hi\"}", token).statusCode()).isEqualTo(201);
                assertThat(app.output()).contains("every secret comes from the couchgate.secrets.* configuration")
                        .doesNotContain(jwt).doesNotContain(sessionKey).doesNotContain(adminPassword);
            }
            HttpResponse<String> session = asConfiguredAdmin(adminPassword);
            assertThat(session.statusCode()).isEqualTo(200);
            assertThat(session.body()).contains("\"_admin\"");
            assertThat(asConfiguredAdmin("not-" + adminPassword).statusCode()).isEqualTo(401);
            assertThat(Files.exists(dataA.resolve("secrets.properties"))).isFalse();
            assertThat(Files.exists(dataB.resolve("secrets.properties"))).isFalse();
        }
    }

    private static HttpResponse<String> asConfiguredAdmin(String adminPassword) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("couchgate-admin-fromenv:" + adminPassword)
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(couch.url() + "/_session"))
                .header("Authorization", "Basic " + basic).header("Accept", "application/json").build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String credentials() {
        return "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}";
    }

    private static String logIn(CouchgateProcess app) throws Exception {
        HttpResponse<String> login = app.send("PUT", "/api/sessions", credentials(), null);
        assertThat(login.statusCode()).isEqualTo(201);
        Matcher m = TOKEN.matcher(login.body());
        assertThat(m.find()).as(login.body()).isTrue();
        return m.group(1);
    }

    private static String base64Url(SecureRandom random, int bytes) {
        byte[] out = new byte[bytes];
        random.nextBytes(out);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }
}
