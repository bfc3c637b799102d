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
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #12's load test: 200 concurrent logins (valid, wrong password, unknown user; each from its own client
 * address, told by a trusted proxy's {@code X-Forwarded-For}, so the per-address throttle does not shield the
 * hashing) against a forked couchgate with {@code -Xmx128m} and the production Argon2id cost (19 MiB, 2 passes).
 * Every answer is 201, 401, 429 or 503; no 500, no OutOfMemoryError, no stack trace in the log; {@code /health}
 * answers 200 throughout; afterwards a login works. The counts by status, the longest answer times and the longest
 * waits for an Argon2id turn (from the metrics endpoint) are printed for the note.
 */
class LoginBurstSmallHeapTest {

    private static final String PASSWORD = "vivid-otter-gains-42-lamps";
    private static final int LOGINS = 200;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern METRICS_AT = Pattern.compile("metrics at (http://\\S+/prometheus)");
    private static final Pattern QUEUE_WAIT_MAX = Pattern.compile(
            "couchgate_password_queue_wait_seconds_max\\{[^}]*outcome=\"([a-z_]+)\"[^}]*\\}\\s+([0-9.eE+-]+)");
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
    void twoHundredConcurrentLogins_at128MiB_noneFails_andHealthStaysUp() throws Exception {
        try (CouchgateProcess app = CouchgateProcess.launch(couch.couchgateEnvironment(), "-Xmx128m",
                CouchgateProcess.freePort(),
                couch.url(), tmp.resolve("data"), tmp.resolve("couchgate.out"),
                "-couchgate.password.argon2.memory-kib=19456", "-couchgate.password.argon2.iterations=2",
                "-couchgate.password.queue-timeout=2s", "-couchgate.http.trusted-proxies=127.0.0.1")
                .awaitHealthy()) {
            for (int i = 0; i < 4; i++) {
                assertThat(app.send("PUT", "/api/users", credentials("user" + i, PASSWORD), null).statusCode())
                        .isEqualTo(201);
            }

            List<Integer> health = new CopyOnWriteArrayList<>();
            AtomicBoolean burstOver = new AtomicBoolean();
            Thread prober = new Thread(() -> probeHealth(app.port(), health, burstOver), "health-prober");
            prober.start();
            List<CompletableFuture<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < LOGINS; i++) {
                String body = switch (i % 3) {
                    case 0 -> credentials("user" + (i % 4), PASSWORD);
                    case 1 -> credentials("user" + (i % 4), "wrong-" + PASSWORD);
                    default -> credentials("nobody" + i, PASSWORD);
                };
                answers.add(logIn(app.port(), body, "198.51." + (i / 250) + "." + (i % 250 + 1)));
            }
            Map<Integer, Integer> counts = new TreeMap<>();
            Map<Integer, Long> longest = new TreeMap<>();
            for (CompletableFuture<Answer> future : answers) {
                Answer answer = future.join();
                counts.merge(answer.status, 1, Integer::sum);
                longest.merge(answer.status, answer.millis, Math::max);
            }
            burstOver.set(true);
            prober.join();

            String queueWaits = longestQueueWaits(app.output());
            System.out.println("login burst at -Xmx128m: answers by status " + counts
                    + ", longest answer in ms by status " + longest + ", /health probes " + health.size()
                    + ", longest wait for an Argon2id turn in s by outcome " + queueWaits);
            assertThat(queueWaits).as("the hashing queue's series after the burst")
                    .contains("admitted=").contains("timed_out=");
            assertThat(counts.keySet()).isSubsetOf(201, 401, 429, 503);
            assertThat(health).isNotEmpty().containsOnly(200);
            assertThat(app.send("PUT", "/api/sessions", credentials("user1", PASSWORD), null).statusCode())
                    .as("a login after the burst").isEqualTo(201);
            String log = app.output();
            assertThat(log).doesNotContain("OutOfMemoryError").doesNotContain("\tat ").doesNotContain("Exception");
        }
    }

    private record Answer(int status, long millis) {
    }

    private static CompletableFuture<Answer> logIn(int port, String body, String clientAddress) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/sessions"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .header("X-Forwarded-For", clientAddress)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Answer(response.statusCode(),
                        Duration.ofNanos(System.nanoTime() - start).toMillis()));
    }

    /**
     * The longest wait for an Argon2id turn, per outcome, as couchgate's metrics endpoint reports it right after the
     * burst ({@code couchgate_password_queue_wait_seconds_max}, seconds; the address comes from the start-up line).
     *
     * @param log couchgate's output so far
     * @return e.g. {@code {admitted=1.93, timed_out=2.01}}
     */
    private static String longestQueueWaits(String log) throws Exception {
        Matcher address = METRICS_AT.matcher(log);
        assertThat(address.find()).as("the metrics start-up line in the log").isTrue();
        String scrape = HTTP.send(HttpRequest.newBuilder(URI.create(address.group(1))).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, String> waits = new TreeMap<>();
        Matcher series = QUEUE_WAIT_MAX.matcher(scrape);
        while (series.find()) {
            waits.put(series.group(1), series.group(2));
        }
        return waits.toString();
    }

    /** GET /health one after the other until the burst is over (at least once after it). */
    private static void probeHealth(int port, List<Integer> statuses, AtomicBoolean over) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        boolean last = false;
        while (!last) {
            last = over.get();
            try {
                statuses.add(HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
            } catch (Exception e) {
                statuses.add(-1);
            }
        }
    }

    private static String credentials(String username, String password) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
    }
}
