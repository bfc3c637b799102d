package io.couchgate.bootstrap.e2e;

import static io.couchgate.bootstrap.e2e.SessionTokens.logIn;
import static io.couchgate.bootstrap.e2e.SessionTokens.signUp;
import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In the durable session mode, {@code admin users end-sessions} (run in this JVM, no server of its own) ends the
 * user's sessions on both running instances A and B, under {@code /api} and {@code /database}, and leaves other
 * users' sessions alone.
 */
class DurableAdminCliEndToEndTest {

    private static final Duration DEADLINE = DurableInstances.REVOCATION_DEADLINE;

    private CouchDbServer couch;

    @TempDir
    Path tmp;

    @BeforeEach
    void startCouchDb() {
        couch = CouchDbExtension.freshServer();
    }

    @AfterEach
    void stopCouchDb() {
        couch.close();
    }

    @Test
    void endSessions_endsTheUsersSessionsOnEveryInstance() throws Exception {
        Path dataA = tmp.resolve("a-data");
        try (CouchgateProcess a = DurableInstances.start(couch, dataA, tmp.resolve("a.out"))) {
            signUp(a, "alice");
            signUp(a, "bob");
            String aliceOnA = logIn(a, "alice");
            SecretsFile.copy(dataA, tmp.resolve("b-data"));
            try (CouchgateProcess b = DurableInstances.start(couch, tmp.resolve("b-data"), tmp.resolve("b.out"))) {
                String aliceOnB = logIn(b, "alice");
                String bobOnB = logIn(b, "bob");
                for (CouchgateProcess app : List.of(a, b)) {
                    assertThat(app.send("GET", "/api/sessions/current", null, aliceOnA).statusCode()).isEqualTo(200);
                }

                AdminRun end = AdminRun.inProcess(AdminRun.config(couch.url(), dataA,
                        Map.of("couchgate.sessions.store", "couchdb")), "users", "end-sessions", "alice");
                long ended = System.nanoTime();

                assertThat(end.exitCode()).as(end.err()).isZero();
                assertThat(end.out()).isEqualTo("ended 2 sessions of alice\n");
                for (CouchgateProcess app : List.of(a, b)) {
                    for (String token : List.of(aliceOnA, aliceOnB)) {
                        DurableInstances.awaitStatus(app, "/api/sessions/current", token, 401, ended, DEADLINE);
                        assertThat(app.send("GET", "/database/posts/_all_docs", null, token).statusCode())
                                .isEqualTo(401);
                    }
                    assertThat(app.send("GET", "/api/sessions/current", null, bobOnB).statusCode()).isEqualTo(200);
                    assertThat(app.send("GET", "/database/posts/_all_docs", null, bobOnB).statusCode())
                            .isEqualTo(200);
                }
            }
        }
    }

    @Test
    void oneTimePassword_isRestrictedOnEveryInstance_untilChanged() throws Exception {
        Path dataA = tmp.resolve("a-data");
        try (CouchgateProcess a = DurableInstances.start(couch, dataA, tmp.resolve("a.out"))) {
            signUp(a, "carol");
            SecretsFile.copy(dataA, tmp.resolve("b-data"));
            try (CouchgateProcess b = DurableInstances.start(couch, tmp.resolve("b-data"), tmp.resolve("b.out"))) {
                AdminRun reset = AdminRun.inProcess(AdminRun.config(couch.url(), dataA,
                        Map.of("couchgate.sessions.store", "couchdb")), "users", "reset-password", "carol");
                assertThat(reset.exitCode()).as(reset.err()).isZero();
                String oneTime = reset.out().trim();

                HttpResponse<String> login = login(a, oneTime);
                assertThat(login.statusCode()).isEqualTo(201);
                assertThat(CouchAdmin.json(login.body())).containsEntry("passwordChangeRequired", true);
                String restricted = (String) CouchAdmin.json(login.body()).get("token");
                for (CouchgateProcess app : List.of(a, b)) {
                    HttpResponse<String> current = app.send("GET", "/api/sessions/current", null, restricted);
                    assertThat(CouchAdmin.json(current.body())).containsEntry("passwordChangeRequired", true);
                    HttpResponse<String> database = app.send("GET", "/database/posts/_all_docs", null, restricted);
                    assertThat(database.statusCode()).isEqualTo(403);
                    assertThat(database.body()).isEqualTo("{\"error\":\"forbidden\",\"reason\":\"password change "
                            + "required: PUT /api/users/current/password\"}");
                }

                String chosen = "quartz-Meadow-61-harbor";
                HttpResponse<String> change = b.send("PUT", "/api/users/current/password", "{\"currentPassword\":\""
                        + oneTime + "\",\"newPassword\":\"" + chosen + "\"}", restricted);
                assertThat(change.statusCode()).as(change.body()).isEqualTo(200);
                assertThat(change.body()).isEqualTo("{\"loginRequired\":true}");
                DurableInstances.awaitStatus(a, "/api/sessions/current", restricted, 401, System.nanoTime(),
                        DEADLINE);
                assertThat(login(a, oneTime).statusCode()).isEqualTo(401);
                HttpResponse<String> again = login(a, chosen);
                assertThat(CouchAdmin.json(again.body())).containsEntry("passwordChangeRequired", false);
                String ordinary = (String) CouchAdmin.json(again.body()).get("token");
                for (CouchgateProcess app : List.of(a, b)) {
                    assertThat(app.send("GET", "/database/posts/_all_docs", null, ordinary).statusCode())
                            .isEqualTo(200);
                }
            }
        }
    }

    private static HttpResponse<String> login(CouchgateProcess app, String password) throws Exception {
        return app.send("PUT", "/api/sessions", "{\"username\":\"carol\",\"password\":\"" + password + "\"}",
                null);
    }
}
