package io.couchgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.bootstrap.secrets.FileSecretsStore;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/deploy.md, "Lost or mismatched secrets": {@code secrets.properties} lost, CouchDB intact, a bootstrap admin
 * given once. couchgate makes a new admin, and once it serves, the admin of the lost secrets is gone from CouchDB
 * while the operator's bootstrap admin stays; the account still logs in.
 */
class LostSecretsEndToEndTest {

    private static final String CREDENTIALS = "{\"username\":\"alice\",\"password\":\"vivid-otter-gains-42-lamps\"}";

    @TempDir
    Path tmp;

    @Test
    void lostSecrets_newStartWithABootstrapAdmin_removesTheLostAdmin_keepsTheOperators_andLoginsWork()
            throws Exception {
        Path data = tmp.resolve("data");
        try (CouchDbServer couch = CouchDbExtension.freshServer()) {
            String lostAdmin;
            try (CouchgateProcess first = launch(couch, data, "first.out")) {
                assertThat(first.send("PUT", "/api/users", CREDENTIALS, null).statusCode()).isEqualTo(201);
                lostAdmin = SecretsFile.value(data, "admin.name");
                HttpResponse<String> operator = new CouchAdmin(couch.url(), data).send("PUT",
                        couch.adminsPath() + "/operator", CouchAdmin.toJson("operator-pass-word-9"));
                assertThat(operator.statusCode()).as(operator.body()).isEqualTo(200);
                assertThat(first.stop()).isEqualTo(143);
            }
            Files.delete(data.resolve(FileSecretsStore.FILE_NAME));

            try (CouchgateProcess second = launch(couch, data, "second.out",
                    "-couchgate.couchdb.bootstrap-admin.user=operator",
                    "-couchgate.couchdb.bootstrap-admin.password=operator-pass-word-9")) {
                String newAdmin = SecretsFile.value(data, "admin.name");
                assertThat(newAdmin).startsWith("couchgate-admin-").isNotEqualTo(lostAdmin);
                Map<String, Object> admins = awaitAdminsWithout(couch, data, lostAdmin);
                assertThat(admins).containsOnlyKeys("operator", newAdmin);
                assertThat(second.output()).contains("removed couchgate's earlier CouchDB admins " + lostAdmin);
                assertThat(second.send("PUT", "/api/sessions", CREDENTIALS, null).statusCode()).isEqualTo(201);
            }
        }
    }

    private CouchgateProcess launch(CouchDbServer couch, Path data, String output, String... args) throws Exception {
        return CouchgateProcess.launch(CouchgateProcess.freePort(), couch, data, tmp.resolve(output), args)
                .awaitHealthy();
    }

    /** The removal runs once the server is bound, which may be just after its first {@code /health} answer. */
    private static Map<String, Object> awaitAdminsWithout(CouchDbServer couch, Path data, String name)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            HttpResponse<String> listed = new CouchAdmin(couch.url(), data).send("GET", couch.adminsPath(), null);
            assertThat(listed.statusCode()).isEqualTo(200);
            Map<String, Object> admins = CouchAdmin.json(listed.body());
            if (!admins.containsKey(name) || System.nanoTime() > deadline) {
                return admins;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // polling, bounded by the deadline
        }
    }
}
