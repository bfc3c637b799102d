package io.couchgate.bootstrap.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.bootstrap.testing.RunningCouchgate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * couchgate wired as in production: its series on the management listener (loopback, its own port), scraped over
 * HTTP after a signup, an ok login, a failed login, proxied requests and an open feed; nothing of it on the main port.
 */
class MetricsEndpointTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PASSWORD = "vivid-otter-gains-42-lamps";

    private static CouchDbServer couch;
    private static Path dataDir;

    @BeforeAll
    static void startCouchDb() throws IOException {
        couch = CouchDbExtension.freshServer();
        dataDir = Files.createTempDirectory("couchgate-metrics").resolve("data");
    }

    @AfterAll
    static void stopCouchDb() {
        couch.close();
    }

    @Test
    void scrape_countsEachCallByOutcomeAndStatusClass_andTheGaugesFollowTheState() throws Exception {
        try (RunningCouchgate app = RunningCouchgate.start(couch, dataDir, Map.of())) {
            InetSocketAddress management = app.context().getBean(ManagementListener.class).address();
            assertThat(management.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(management.getPort()).isNotEqualTo(app.uri("/").getPort());
            Map<String, Double> before = scrape(management);

            credentials(app, "/api/users", "alice", PASSWORD, 201);
            String token = (String) app.json(credentials(app, "/api/sessions", "alice", PASSWORD, 201).body())
                    .get("token");
            credentials(app, "/api/sessions", "alice", "wrong-" + PASSWORD, 401);
            assertThat(app.send("GET", "/database/posts", null, token).statusCode()).isEqualTo(200);
            assertThat(app.send("GET", "/database/posts/alice:none", null, token).statusCode()).isEqualTo(404);
            assertThat(app.send("GET", "/database/posts", null, null).statusCode()).isEqualTo(401);

            try (Socket feed = openFeed(app, token)) {
                Map<String, Double> after = scrape(management);
                assertThat(after).containsEntry("couchgate_logins_total{outcome=\"ok\"}", 1.0)
                        .containsEntry("couchgate_logins_total{outcome=\"failed\"}", 1.0)
                        .containsEntry("couchgate_logins_total{outcome=\"throttled\"}", 0.0)
                        .containsEntry("couchgate_logins_total{outcome=\"busy\"}", 0.0)
                        .containsEntry("couchgate_logins_total{outcome=\"unavailable\"}", 0.0)
                        .containsEntry("couchgate_signups_total{outcome=\"ok\"}", 1.0)
                        .containsEntry("couchgate_signups_total{outcome=\"refused\"}", 0.0)
                        // GET /database/posts and the feed; the 404 and the 401 (couchgate's own)
                        .containsEntry("couchgate_database_requests_seconds_count{status_class=\"2xx\"}", 2.0)
                        .containsEntry("couchgate_database_requests_seconds_count{status_class=\"3xx\"}", 0.0)
                        .containsEntry("couchgate_database_requests_seconds_count{status_class=\"4xx\"}", 2.0)
                        .containsEntry("couchgate_database_requests_seconds_count{status_class=\"5xx\"}", 0.0)
                        .containsEntry("couchgate_database_requests_seconds_bucket{status_class=\"2xx\",le=\"+Inf\"}",
                                2.0)
                        .containsEntry("couchgate_database_requests_seconds_bucket{status_class=\"4xx\",le=\"60.0\"}",
                                2.0)
                        .containsEntry("couchgate_feeds_open", 1.0)
                        .containsEntry("couchgate_sessions_live", 1.0)
                        .containsEntry("couchgate_couchdb_up", 1.0)
                        .containsEntry("couchgate_password_queue_wait_seconds_count{outcome=\"timed_out\"}", 0.0);
                assertThat(after.get("couchgate_database_requests_seconds_sum{status_class=\"2xx\"}"))
                        .isGreaterThan(0.0);
                // one Argon2id turn each: the signup's hash, the login service's dummy hash (made when it is first
                // used, for unknown users), the two logins' verifications
                String admitted = "couchgate_password_queue_wait_seconds_count{outcome=\"admitted\"}";
                assertThat(after.get(admitted) - before.get(admitted)).isEqualTo(4.0);
                assertThat(after.get("couchgate_password_queue_wait_seconds_bucket{outcome=\"admitted\",le=\"+Inf\"}"))
                        .isEqualTo(after.get(admitted));
            }
            awaitFeedsOpen(management, 0.0);

            app.send("DELETE", "/api/sessions/current", null, token);
            assertThat(scrape(management)).containsEntry("couchgate_sessions_live", 0.0);
        }
    }

    @Test
    void mainPort_servesNoMetrics_andTheManagementListenerOnlyItsScrapePath() throws Exception {
        try (RunningCouchgate app = RunningCouchgate.start(couch, dataDir, Map.of())) {
            for (String path : new String[] {"/metrics", "/prometheus", "/metrics/couchgate.logins"}) {
                HttpResponse<String> response = app.send("GET", path, null, null);
                assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(404);
                assertThat(response.body()).doesNotContain("couchgate_");
            }
            InetSocketAddress management = app.context().getBean(ManagementListener.class).address();
            HttpResponse<String> other = get(management, "/metrics");
            assertThat(other.statusCode()).isEqualTo(404);
            assertThat(other.body()).isEqualTo("not found: the scrape path is /prometheus\n");
            HttpResponse<String> scrape = get(management, "/prometheus");
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type"))
                    .contains("text/plain; version=0.0.4; charset=utf-8");
            assertThat(scrape.body()).contains("# TYPE couchgate_logins_total counter\n",
                    "# TYPE couchgate_database_requests_seconds histogram\n", "# TYPE couchgate_couchdb_up gauge\n");
            // no per-request HTTP filter of Micronaut's: the /database relay measures itself
            assertThat(scrape.body()).doesNotContain("http_server_requests", "http_client_requests");
        }
    }

    @Test
    void theListener_takesTheConfiguredHost_andCanBeTurnedOff() throws Exception {
        try (RunningCouchgate app = RunningCouchgate.start(couch, dataDir,
                Map.of("couchgate.management.host", "127.0.0.2"))) {
            InetSocketAddress management = app.context().getBean(ManagementListener.class).address();
            assertThat(management.getAddress().getHostAddress()).isEqualTo("127.0.0.2");
            assertThat(get(management, "/prometheus").statusCode()).isEqualTo(200);
        }
        try (RunningCouchgate app = RunningCouchgate.start(couch, dataDir,
                Map.of("couchgate.management.enabled", false))) {
            assertThat(app.context().findBean(ManagementListener.class)).isEmpty();
            assertThat(app.send("GET", "/health", null, null).statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> credentials(RunningCouchgate app, String path, String username,
                                                    String password, int expected) {
        HttpResponse<String> response = app.send("PUT", path,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}", null);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(expected);
        return response;
    }

    /** A continuous feed on a raw socket, returned once couchgate has sent its 200 head. */
    private static Socket openFeed(RunningCouchgate app, String token) throws IOException {
        Socket client = new Socket(InetAddress.getLoopbackAddress(), app.uri("/").getPort());
        client.setSoTimeout(30_000);
        OutputStream out = client.getOutputStream();
        out.write(("GET /database/posts/_changes?feed=continuous&since=now&heartbeat=200 HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = client.getInputStream();
        assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
        return client;
    }

    private static void awaitFeedsOpen(InetSocketAddress management, double expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Double.valueOf(expected).equals(scrape(management).get("couchgate_feeds_open"))) {
            assertThat(System.nanoTime()).as("couchgate_feeds_open " + expected).isLessThan(deadline);
            Thread.sleep(50); // poll pause; the deadline above bounds the wait
        }
    }

    private static HttpResponse<String> get(InetSocketAddress address, String path) throws Exception {
        URI uri = URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + path);
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** @return every sample of a scrape, {@code name{labels}} to its value */
    private static Map<String, Double> scrape(InetSocketAddress management) throws Exception {
        HttpResponse<String> response = get(management, "/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        for (String line : response.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.valueOf(line.substring(space + 1)));
        }
        return samples;
    }
}
