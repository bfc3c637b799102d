package io.couchgate.bootstrap.e2e;

import static io.couchgate.bootstrap.e2e.SessionTokens.PASSWORD;
import static io.couchgate.bootstrap.e2e.SessionTokens.logIn;
import static io.couchgate.bootstrap.e2e.SessionTokens.signUp;
import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In the durable session mode, a password change and an account deletion on one instance end the user's sessions
 * on the other instance too (forked couchgate processes A and B sharing one deployment). Awaited with a generous
 * deadline; the ≤ 1 s promise is measured by scripts/bench scenario 9.
 */
class DurableAccountOperationsEndToEndTest {

    private static final String NEW = "mango-Piano-83-lantern-Quay";

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
    void passwordChangeOnB_endsTheOtherSessionsOnA_andDeletionOnA_endsTheLastOneOnB() throws Exception {
        Path dataA = tmp.resolve("a-data");
        try (CouchgateProcess a = DurableInstances.start(couch, dataA, tmp.resolve("a.out"))) {
            signUp(a, "alice");
            signUp(a, "bob");
            String aliceOnA = logIn(a, "alice");
            assertThat(a.send("GET", "/api/sessions/current", null, aliceOnA).statusCode()).isEqualTo(200);
            SecretsFile.copy(dataA, tmp.resolve("b-data"));
            try (CouchgateProcess b = DurableInstances.start(couch, tmp.resolve("b-data"), tmp.resolve("b.out"))) {
                String aliceOnB = logIn(b, "alice");
                String bobOnB = logIn(b, "bob");
                assertThat(a.send("GET", "/api/sessions/current", null, aliceOnB).statusCode()).isEqualTo(200);

                HttpResponse<String> change = b.send("PUT", "/api/users/current/password",
                        "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"" + NEW + "\"}", aliceOnB);
                long changed = System.nanoTime();
                assertThat(change.statusCode()).as(change.body()).isEqualTo(204);
                DurableInstances.awaitStatus(a, "/api/sessions/current", aliceOnA, 401, changed,
                        DurableInstances.REVOCATION_DEADLINE);
                assertThat(b.send("GET", "/api/sessions/current", null, aliceOnA).statusCode()).isEqualTo(401);
                for (CouchgateProcess app : List.of(a, b)) {
                    assertThat(app.send("GET", "/api/sessions/current", null, aliceOnB).statusCode()).isEqualTo(200);
                }

                HttpResponse<String> delete = a.send("DELETE", "/api/users/current",
                        "{\"password\":\"" + NEW + "\"}", aliceOnB);
                long deleted = System.nanoTime();
                assertThat(delete.statusCode()).as(delete.body()).isEqualTo(204);
                DurableInstances.awaitStatus(b, "/api/sessions/current", aliceOnB, 401, deleted,
                        DurableInstances.REVOCATION_DEADLINE);
                assertThat(b.send("GET", "/database/posts/_all_docs", null, aliceOnB).statusCode()).isEqualTo(401);
                assertThat(b.send("PUT", "/api/sessions", "{\"username\":\"alice\",\"password\":\"" + NEW + "\"}",
                        null).statusCode()).isEqualTo(401);
                for (CouchgateProcess app : List.of(a, b)) {
                    assertThat(app.send("GET", "/api/sessions/current", null, bobOnB).statusCode()).isEqualTo(200);
                }
            }
        }
    }
}
