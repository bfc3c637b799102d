package io.couchgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.bootstrap.secrets.FileSecretsStore;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/deploy.md, "Rotating keys and the admin password", done step by step as written there, on forked couchgate
 * processes and a fresh dev CouchDB each.
 */
class RotationEndToEndTest {

    private static final String PASSWORD = "vivid-otter-gains-42-lamps";
    private static final String CREDENTIALS = "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}";
    private static final String NOTE = "{\"owner\":\"alice\",\"text\":\"after the rotation\"}";
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path tmp;

    /**
     * Stop; set the new password on CouchDB; a start before {@code admin.password} is changed too stops with a
     * message naming the file; with the new password in the file, couchgate starts, logs in and writes.
     */
    @Test
    void adminPassword_setOnCouchDbAndInTheSecretsFile_works_andAHalfDoneRotationStopsNamingTheFile()
            throws Exception {
        Path data = tmp.resolve("data");
        try (CouchDbServer couch = CouchDbExtension.freshServer()) {
            try (CouchgateProcess first = launch(couch, data, "first.out")) {
                assertThat(first.send("PUT", "/api/users", CREDENTIALS, null).statusCode()).isEqualTo(201);
                assertThat(first.stop()).isEqualTo(143);
            }
            String name = SecretsFile.value(data, "admin.name");
            String newPassword = randomBase64Url(24);

            HttpResponse<String> changed = new CouchAdmin(couch.url(), data).send("PUT",
                    couch.adminsPath() + "/" + CouchAdmin.encode(name), CouchAdmin.toJson(newPassword));
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);

            try (CouchgateProcess halfDone = CouchgateProcess.launch(CouchgateProcess.freePort(), couch, data,
                    tmp.resolve("half.out"))) {
                assertThatThrownBy(halfDone::awaitHealthy).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("couchgate exited during start")
                        .hasMessageContaining("CouchDB rejected couchgate's admin " + name + " from "
                                + data.resolve(FileSecretsStore.FILE_NAME));
            }
            SecretsFile.set(data, "admin.password", newPassword);
            try (CouchgateProcess rotated = launch(couch, data, "rotated.out")) {
                String token = logIn(rotated);
                assertThat(rotated.send("PUT", "/database/posts/alice:note-1", NOTE, token).statusCode())
                        .isEqualTo(201);
                assertThat(SecretsFile.value(data, "admin.password")).isEqualTo(newPassword);
            }
        }
    }

    /**
     * In the durable session mode a token outlives a restart; after the JWT key is replaced it does not: 401 under
     * {@code /api} and {@code /database}, while a new login works.
     */
    @Test
    void jwtKey_replacedInTheSecretsFile_endsEveryEarlierToken_andANewLoginWorks() throws Exception {
        Path data = tmp.resolve("data");
        try (CouchDbServer couch = CouchDbExtension.freshServer()) {
            String old;
            try (CouchgateProcess first = launch(couch, data, "first.out")) {
                assertThat(first.send("PUT", "/api/users", CREDENTIALS, null).statusCode()).isEqualTo(201);
                old = logIn(first);
                assertThat(first.stop()).isEqualTo(143);
            }
            try (CouchgateProcess restarted = launch(couch, data, "restarted.out")) {
                assertThat(restarted.send("GET", "/api/sessions/current", null, old).statusCode())
                        .as("a durable token after a plain restart").isEqualTo(200);
                assertThat(restarted.stop()).isEqualTo(143);
            }

            SecretsFile.set(data, "jwt-secret", randomBase64Url(32));

            try (CouchgateProcess rotated = launch(couch, data, "rotated.out")) {
                HttpResponse<String> api = rotated.send("GET", "/api/sessions/current", null, old);
                assertThat(api.statusCode()).isEqualTo(401);
                assertThat(api.headers().firstValue("WWW-Authenticate"))
                        .hasValue("Bearer realm=\"couchgate\", error=\"invalid_token\"");
                assertThat(rotated.send("GET", "/database/posts/_all_docs", null, old).statusCode()).isEqualTo(401);
                String fresh = logIn(rotated);
                assertThat(rotated.send("GET", "/api/sessions/current", null, fresh).statusCode()).isEqualTo(200);
                assertThat(rotated.send("PUT", "/database/posts/alice:note-1", NOTE, fresh).statusCode())
                        .isEqualTo(201);
            }
        }
    }

    private CouchgateProcess launch(CouchDbServer couch, Path data, String output) throws Exception {
        return CouchgateProcess.launch(CouchgateProcess.freePort(), couch, data, tmp.resolve(output),
                "-couchgate.sessions.store=couchdb").awaitHealthy();
    }

    private static String logIn(CouchgateProcess app) throws Exception {
        HttpResponse<String> login = app.send("PUT", "/api/sessions", CREDENTIALS, null);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(201);
        Matcher m = TOKEN.matcher(login.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String randomBase64Url(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
