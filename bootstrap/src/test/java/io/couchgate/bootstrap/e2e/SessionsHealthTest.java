package io.couchgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.bootstrap.testing.RecordingRelay;
import io.couchgate.bootstrap.testing.RunningCouchgate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /health}'s {@code sessions} entry: the mode and whether the lease is current; DOWN once CouchDB has been
 * away for three lease intervals, UP again after the next renewal.
 */
class SessionsHealthTest {

    private static CouchDbServer couch;
    private static Path dataDir;

    @BeforeAll
    static void startCouchDb() throws IOException {
        couch = CouchDbExtension.freshServer();
        dataDir = Files.createTempDirectory("couchgate-health").resolve("data");
    }

    @AfterAll
    static void stopCouchDb() {
        couch.close();
    }

    @Test
    void sessionsEntry_showsMemoryModeAndCurrentLease_downWhenTheLeaseLapses_upAfterTheNextRenewal()
            throws Exception {
        try (RecordingRelay relay = RecordingRelay.start(couch.url().getPort());
             RunningCouchgate app = RunningCouchgate.start(couch, URI.create("http://127.0.0.1:" + relay.port()),
                     dataDir, Map.of("couchgate.instances.lease-interval", "500ms"))) {
            assertThat(sessions(app)).isEqualTo(Map.of("status", "UP",
                    "details", Map.of("mode", "memory", "lease", "current")));

            relay.down();
            // The lease lasts 3 x 500 ms from the last renewal; its arithmetic is unit-tested with a clock. Here the
            // lapse is awaited as an event, with no bound on how soon (it was under 5 s): the machines are shared.
            awaitSessions(app, "DOWN", Duration.ofSeconds(30));
            assertThat(sessions(app)).isEqualTo(Map.of("status", "DOWN",
                    "details", Map.of("mode", "memory", "lease", "lapsed")));
            assertThat(app.send("GET", "/health", null, null).statusCode()).isEqualTo(503);

            relay.up();
            awaitSessions(app, "UP", Duration.ofSeconds(30));
            assertThat(app.send("GET", "/health", null, null).statusCode()).isEqualTo(200);
        }
    }

    private static void awaitSessions(RunningCouchgate app, String status, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!status.equals(sessions(app).get("status"))) {
            assertThat(System.nanoTime()).as("sessions entry " + status + " within " + within).isLessThan(deadline);
            Thread.sleep(50); // poll pause; the deadline above bounds the wait
        }
    }

    private static Map<?, ?> sessions(RunningCouchgate app) throws IOException {
        HttpResponse<String> health = app.send("GET", "/health", null, null);
        Map<?, ?> entry = (Map<?, ?>) ((Map<?, ?>) app.json(health.body()).get("details")).get("sessions");
        Map<Object, Object> withoutName = new java.util.HashMap<>(entry);
        withoutName.remove("name");
        return withoutName;
    }
}
