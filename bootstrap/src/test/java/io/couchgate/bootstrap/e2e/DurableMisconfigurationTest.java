package io.couchgate.bootstrap.e2e;

import static io.couchgate.bootstrap.e2e.SessionTokens.logIn;
import static io.couchgate.bootstrap.e2e.SessionTokens.signUp;
import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts of a durable instance that would take the running deployment's sessions for orphans, or break an app
 * database, are refused before the port is bound: the running instance's token keeps working.
 */
class DurableMisconfigurationTest {

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
    void anotherSessionsDatabase_anAppDatabase_orAnotherDeploymentsDatabase_stopTheStart_andTheRunningSessionSurvives()
            throws Exception {
        Path dataA = tmp.resolve("a-data");
        try (CouchgateProcess a = DurableInstances.start(couch, dataA, tmp.resolve("a.out"))) {
            signUp(a, "alice");
            String token = logIn(a, "alice");
            SecretsFile.copy(dataA, tmp.resolve("b-data"));

            assertRefused(tmp.resolve("b-data"), "b1.out", "couchgate.sessions.database: deployment "
                    + SecretsFile.deploymentId(dataA) + " keeps its sessions in couchgate_sessions, not "
                    + "couchgate_sessions_v2", "-couchgate.sessions.database=couchgate_sessions_v2");
            assertRefused(tmp.resolve("b-data"), "b2.out", "couchgate.sessions.database must not be one of",
                    "-couchgate.sessions.database=posts");
            // a deployment with secrets of its own, let in by A's admin as its bootstrap admin
            String bootstrap = "-couchgate.couchdb.bootstrap-admin.user=" + SecretsFile.value(dataA, "admin.name");
            String bootstrapPassword = "-couchgate.couchdb.bootstrap-admin.password="
                    + SecretsFile.value(dataA, "admin.password");
            assertRefused(tmp.resolve("c-data"), "c.out", "couchgate.sessions.database: couchgate_sessions holds "
                    + "the sessions of deployment " + SecretsFile.deploymentId(dataA), bootstrap, bootstrapPassword);

            assertThat(a.send("GET", "/api/sessions/current", null, token).statusCode()).isEqualTo(200);
            assertThat(a.send("GET", "/database/posts/alice:none", null, token).statusCode()).isEqualTo(404);
        }
    }

    /** Starts an instance that must exit 1 with one line saying {@code expected}. */
    private void assertRefused(Path dataDir, String output, String expected, String... extraArgs) throws Exception {
        List<String> args = new ArrayList<>(DurableInstances.DURABLE);
        args.addAll(List.of(extraArgs));
        CouchgateProcess refused = CouchgateProcess.launch(CouchgateProcess.freePort(), couch, dataDir,
                tmp.resolve(output), args.toArray(String[]::new));
        assertThat(refused.process().waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(refused.process().exitValue()).isEqualTo(1);
        assertThat(refused.output()).contains("couchgate did not start: " + expected)
                .doesNotContain("removed").doesNotContain("\tat ");
    }
}
