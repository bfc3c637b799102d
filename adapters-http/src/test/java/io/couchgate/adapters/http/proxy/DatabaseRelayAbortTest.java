package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue #11, "Aborts" and "Revocation reaches open streams", for relayed downloads and uploads: a client that goes
 * away, or a session that ends, closes the CouchDB connection. Each close is awaited as an event with a generous
 * deadline; the ≤ 1 s promise is measured by scripts/bench scenario 9.
 */
class DatabaseRelayAbortTest extends ProxyOverStub {

    private static final long LARGE = 256L * 1024 * 1024;

    @Test
    void clientThatClosesMidDownload_closesTheCouchDbConnection() throws Exception {
        CountDownLatch upstreamCut = largeDownloadUntilCut();

        try (RawHttpClient client = new RawHttpClient(proxy.port())) {
            startDownload(client);
        }

        assertThat(upstreamCut.await(GENEROUS.toNanos(), TimeUnit.NANOSECONDS)).as("CouchDB connection closed")
                .isTrue();
    }

    @Test
    void clientThatClosesMidUpload_closesTheCouchDbConnection() throws Exception {
        try (RawHttpClient client = new RawHttpClient(proxy.port())) {
            client.sendRaw(("PUT /database/posts/alice:a/upload.bin?rev=1-a HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + FakeSessions.TOKEN + "\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: 800000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            client.sendRaw(new byte[100_000]);
            assertThat(pollUntil(couchDb::begun, 1, GENEROUS)).as("upload reached CouchDB").isTrue();
        }

        assertThat(pollUntil(couchDb::cutOffBodies, 1, GENEROUS)).as("CouchDB connection closed").isTrue();
    }

    @Test
    void sessionThatEndsMidDownload_closesBothConnections() throws Exception {
        CountDownLatch upstreamCut = largeDownloadUntilCut();
        NettySessionStreams streams = proxy.context().getBean(NettySessionStreams.class);

        try (RawHttpClient client = new RawHttpClient(proxy.port())) {
            startDownload(client);
            streams.endAll(FakeSessions.SESSION_ID);

            assertThat(upstreamCut.await(GENEROUS.toNanos(), TimeUnit.NANOSECONDS)).as("CouchDB connection closed")
                    .isTrue();
            assertThat(client.endsWithin(GENEROUS)).as("client connection closed").isTrue();
        }
        assertThat(streams.openCount(FakeSessions.SESSION_ID)).isZero();
    }

    @Test
    void couchDbThatClosesMidAnswer_closesTheClientConnection_soTheCutOffBodyNeverLooksWhole() throws Exception {
        couchDb.answerWith(exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, 1 << 20);
            exchange.getResponseBody().write(new byte[100_000]);
            exchange.getResponseBody().flush();
            exchange.getHttpContext().getServer().stop(0);
        });
        try (RawHttpClient client = new RawHttpClient(proxy.port())) {
            client.send("GET", "/database/posts/alice:a/big.bin",
                    List.of("Authorization: Bearer " + FakeSessions.TOKEN), null);
            RawResponse head = client.readHead();

            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("content-length")).containsExactly(String.valueOf(1 << 20));
            assertThat(client.input().readAllBytes()).as("the body ends with the connection, cut off").hasSize(100_000);
        } finally {
            restartStub();
        }
    }

    @Test
    void finishedDownload_isNoLongerAnOpenStreamOfItsSession() throws Exception {
        RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/alice:a", List.of(), null);
        assertThat(response.status()).isEqualTo(200);
        NettySessionStreams streams = proxy.context().getBean(NettySessionStreams.class);

        assertThat(pollUntil(() -> streams.openCount(FakeSessions.SESSION_ID) == 0 ? 1 : 0, 1,
                GENEROUS)).isTrue();
    }

    /** The stub was stopped by a test: a new one, and a proxy in front of it. */
    private static void restartStub() throws Exception {
        stopProxyAndStub();
        startStubAndProxy();
    }

    private static void startDownload(RawHttpClient client) throws IOException {
        client.send("GET", "/database/posts/alice:a/big.bin", List.of("Authorization: Bearer " + FakeSessions.TOKEN),
                null);
        RawResponse head = client.readHead();
        assertThat(head.status()).isEqualTo(200);
        assertThat(client.input().readNBytes(1 << 20)).hasSize(1 << 20);
    }

    /** The stub sends a 256 MiB attachment; the latch opens when a write fails (its connection was closed). */
    private static CountDownLatch largeDownloadUntilCut() {
        CountDownLatch cut = new CountDownLatch(1);
        byte[] piece = new byte[64 * 1024];
        couchDb.answerWith(exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, LARGE);
            try {
                OutputStream out = exchange.getResponseBody();
                for (long sent = 0; sent < LARGE; sent += piece.length) {
                    out.write(piece);
                }
                out.close();
            } catch (IOException e) {
                cut.countDown();
            }
        });
        return cut;
    }
}
