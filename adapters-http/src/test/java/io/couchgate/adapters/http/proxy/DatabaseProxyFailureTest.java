package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CouchDB down or silent: CouchDB-style JSON errors from couchgate, never a stack trace or a 500. */
class DatabaseProxyFailureTest {

    @Test
    void couchDbOnAClosedPort_returns502_withCouchStyleJson() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (ProxyUnderTest proxy = new ProxyUnderTest(URI.create("http://127.0.0.1:" + closedPort),
                Duration.ofSeconds(10))) {

            RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/doc", List.of(), null);

            assertThat(response.status()).isEqualTo(502);
            assertThat(response.header("content-type")).containsExactly("application/json");
            assertThat(response.bodyText())
                    .isEqualTo("{\"error\":\"bad_gateway\",\"reason\":\"CouchDB cannot be reached.\"}");
        }
    }

    @Test
    void couchDbThatNeverAnswers_returns504_afterTheReadTimeout() throws Exception {
        CountDownLatch testOver = new CountDownLatch(1);
        try (UpstreamStub couchDb = new UpstreamStub();
             ProxyUnderTest proxy = new ProxyUnderTest(couchDb.url(), Duration.ofMillis(500))) {
            couchDb.answerWith(exchange -> {
                awaitQuietly(testOver);
                exchange.close();
            });

            RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/doc", List.of(), null);
            testOver.countDown();

            assertThat(response.status()).isEqualTo(504);
            assertThat(response.header("content-type")).containsExactly("application/json");
            assertThat(response.bodyText())
                    .isEqualTo("{\"error\":\"gateway_timeout\",\"reason\":\"CouchDB did not answer in time.\"}");
            assertThat(couchDb.requests()).hasSize(1);
        }
    }

    @Test
    void bodyThatStallsLongerThanTheReadTimeout_isCutOff_notHeldOpen() throws Exception {
        CountDownLatch testOver = new CountDownLatch(1);
        try (UpstreamStub couchDb = new UpstreamStub();
             ProxyUnderTest proxy = new ProxyUnderTest(couchDb.url(), Duration.ofMillis(500));
             RawHttpClient client = new RawHttpClient(proxy.port())) {
            couchDb.answerWith(exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 0);
                exchange.getResponseBody().write("{\"rows\":[".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                exchange.getResponseBody().flush();
                awaitQuietly(testOver);
                exchange.close();
            });

            client.send("GET", "/database/posts/_all_docs", List.of("Authorization: Bearer " + FakeSessions.TOKEN), null);
            RawResponse head = client.readHead();

            assertThat(head.status()).isEqualTo(200);
            assertThat(new String(client.readChunk(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"rows\":[");
            assertThatThrownBy(() -> client.readChunk())
                    .isInstanceOf(java.io.IOException.class)
                    .isNotInstanceOf(java.net.SocketTimeoutException.class);
        } finally {
            testOver.countDown();
        }
    }

    /** Feed detection reads the query as CouchDB does (ParsedQuery): a percent-encoded feed name is a feed too. */
    @ParameterizedTest
    @ValueSource(strings = {"feed=longpoll&since=now&timeout=60000", "feed=%63ontinuous&since=now",
        "FEED=%6Congpoll&since=now"})
    void longLivedFeed_inAnySpellingCouchDbReads_isNotCutByTheReadTimeout(String query) throws Exception {
        try (UpstreamStub couchDb = new UpstreamStub();
             ProxyUnderTest proxy = new ProxyUnderTest(couchDb.url(), Duration.ofMillis(300))) {
            CountDownLatch requestArrived = new CountDownLatch(1);
            CountDownLatch quietLongerThanReadTimeout = new CountDownLatch(1);
            couchDb.answerWith(exchange -> {
                requestArrived.countDown();
                awaitQuietly(quietLongerThanReadTimeout);
                UpstreamStub.respond(exchange, 200, "{\"results\":[],\"last_seq\":\"1-x\"}");
            });
            Thread release = new Thread(() -> {
                awaitQuietly(requestArrived);
                awaitQuietly(new CountDownLatch(1), 1_000);
                quietLongerThanReadTimeout.countDown();
            });
            release.start();

            RawResponse response = proxy.sendAuthenticated("GET",
                    "/database/posts/_changes?" + query, List.of(), null);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("{\"results\":[],\"last_seq\":\"1-x\"}");
        }
    }

    @Test
    void bodyLargerThanTheServerAllows_returns413_andCouchDbSeesNothing() throws Exception {
        try (UpstreamStub couchDb = new UpstreamStub();
             ProxyUnderTest proxy = new ProxyUnderTest(couchDb.url(), Duration.ofSeconds(10),
                     Map.of("micronaut.server.max-request-size", 1024))) {

            RawResponse response = proxy.sendAuthenticated("PUT", "/database/posts/doc",
                    List.of("Content-Type: application/json"), "{\"x\":\"" + "a".repeat(2048) + "\"}");

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.bodyText())
                    .isEqualTo("{\"error\":\"too_large\",\"reason\":\"the request entity is too large\"}");
            assertThat(couchDb.requests()).isEmpty();
        }
    }

    @Test
    void aBufferedBodyLargerThanTheBuffer_returns413_notA502_andCouchDbSeesNothing() throws Exception {
        try (UpstreamStub couchDb = new UpstreamStub();
             ProxyUnderTest proxy = new ProxyUnderTest(couchDb.url(), Duration.ofSeconds(10),
                     Map.of("micronaut.server.max-request-buffer-size", 1024))) {
            String docs = "{\"docs\":[{\"_id\":\"alice:a\",\"x\":\"" + "a".repeat(4096) + "\"}]}";
            for (String path : List.of("/database/posts/_bulk_docs", "/database/posts", "/database/posts/_all_docs",
                    "/database/posts/_local/checkpoint")) {
                RawResponse response = proxy.sendAuthenticated(path.endsWith("checkpoint") ? "PUT" : "POST", path,
                        List.of("Content-Type: application/json"), docs);

                assertThat(response.status()).as(path).isEqualTo(413);
                assertThat(response.bodyText()).as(path)
                        .isEqualTo("{\"error\":\"too_large\",\"reason\":\"the request entity is too large\"}");
            }
            assertThat(couchDb.requests()).isEmpty();
        }
    }

    @Test
    void serverWithResponseCompression_refusesToStartTheProxy() {
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, Map.of(
                ProxyTestBeans.URL, "http://127.0.0.1:5984",
                "micronaut.server.port", -1)))
                .hasStackTraceContaining("set micronaut.server.netty.compression-threshold to -1");
    }

    @Test
    void serverThatDecompressesRequestBodies_refusesToStartTheProxy() {
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, Map.of(
                ProxyTestBeans.URL, "http://127.0.0.1:5984",
                "micronaut.server.port", -1,
                "micronaut.server.netty.compression-threshold", -1)))
                .hasStackTraceContaining("set micronaut.server.netty.request-decompression-enabled to false");
    }

    @Test
    void serverOnHttp2_refusesToStartTheProxy() {
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, Map.of(
                ProxyTestBeans.URL, "http://127.0.0.1:5984",
                "micronaut.server.port", -1,
                "micronaut.server.netty.compression-threshold", -1,
                "micronaut.server.netty.request-decompression-enabled", false,
                "micronaut.server.http-version", "2.0")))
                .hasStackTraceContaining("The /database proxy serves HTTP/1.1 only: set micronaut.server.http-version "
                        + "to 1.1 (put HTTP/2 on a reverse proxy in front)");
    }

    static void awaitQuietly(CountDownLatch latch) {
        awaitQuietly(latch, 30_000);
    }

    static void awaitQuietly(CountDownLatch latch, long millis) {
        try {
            latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
