package io.couchgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Forked couchgate instances in the durable session mode, and what the tests wait for and check on them. */
final class DurableInstances {

    /** The durable mode with a 1 s lease interval (so a sweep every second). */
    static final List<String> DURABLE = List.of("-couchgate.sessions.store=couchdb",
            "-couchgate.instances.lease-interval=1s");

    private DurableInstances() {
    }

    /**
     * @param couch the CouchDB
     * @param dataDir its data folder (a copy of another instance's secrets file makes it the same deployment)
     * @param output where its standard output and error go
     * @param extraArgs more configuration after {@link #DURABLE}
     * @return the instance, once its {@code /health} answers 200
     */
    static CouchgateProcess start(CouchDbServer couch, Path dataDir, Path output, String... extraArgs)
            throws Exception {
        List<String> args = new ArrayList<>(DURABLE);
        args.addAll(List.of(extraArgs));
        return CouchgateProcess.launch(CouchgateProcess.freePort(), couch, dataDir, output,
                args.toArray(String[]::new)).awaitHealthy();
    }

    /**
     * How long a test waits for another instance to see a session end: generous, as the machines are shared and
     * noisy. The ≤ 1 s promise of cross-instance revocation is measured by scripts/bench scenario 9, not here.
     */
    static final Duration REVOCATION_DEADLINE = Duration.ofSeconds(30);

    /** Asserts {@code /health} 200 with the entry {@code sessions: UP, {"mode":"couchdb","feed":"current"}}. */
    static void assertSessionsHealth(CouchgateProcess app) throws Exception {
        assertThat(sessionsHealth(app, 200)).isEqualTo(Map.of("status", "UP",
                "details", Map.of("mode", "couchdb", "feed", "current")));
    }

    /**
     * @param app an instance
     * @param status the status {@code /health} must answer
     * @return {@code /health}'s {@code sessions} entry without its {@code name}
     */
    static Map<String, Object> sessionsHealth(CouchgateProcess app, int status) throws Exception {
        HttpResponse<String> health = app.send("GET", "/health", null, null);
        assertThat(health.statusCode()).as(health.body()).isEqualTo(status);
        Map<?, ?> details = (Map<?, ?>) CouchAdmin.json(health.body()).get("details");
        Map<String, Object> entry = new java.util.HashMap<>();
        ((Map<?, ?>) details.get("sessions")).forEach((k, v) -> entry.put((String) k, v));
        entry.remove("name");
        return entry;
    }

    /**
     * Polls {@code GET path} with a token (a 5 ms pause between answers) until it answers {@code status}.
     *
     * @param from a {@link System#nanoTime()} the deadline counts from (e.g. when a logout was answered)
     * @param within the deadline after {@code from}
     * @return the time from {@code from} to the first answer with {@code status}
     * @throws AssertionError when {@code within} passes first
     */
    static Duration awaitStatus(CouchgateProcess app, String path, String token, int status, long from,
                                Duration within) throws Exception {
        long deadline = from + within.toNanos();
        while (true) {
            int answer = app.send("GET", path, null, token).statusCode();
            long now = System.nanoTime();
            if (answer == status) {
                return Duration.ofNanos(now - from);
            }
            assertThat(now).as("GET " + path + " answers " + status + " within " + within + " (last " + answer + ")")
                    .isLessThan(deadline);
            app.process().waitFor(5, TimeUnit.MILLISECONDS); // poll pause, bounded by the deadline
        }
    }
}
