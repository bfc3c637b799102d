package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.domain.SessionId;
import io.couchgate.domain.port.SessionStreams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link SessionStreams#endAll} ends a session's open {@code _changes} requests: the client's connection closes and so
 * does the CouchDB connection behind it, within 1 s; other sessions' feeds stay open.
 */
class DatabaseProxySessionStreamsTest extends ProxyOverStub {

    @Test
    void endAll_closesTheFeedsClientAndCouchDbConnections_within1s() throws Exception {
        CountDownLatch upstreamClosed = heartbeatsUntilTheConnectionCloses();
        SessionStreams streams = proxy.context().getBean(NettySessionStreams.class);

        try (RawHttpClient client = new RawHttpClient(proxy.port())) {
            client.send("GET", "/database/posts/_changes?FEED=continuous&heartbeat=50",
                    List.of("Authorization: Bearer " + FakeSessions.TOKEN), null);
            assertThat(client.readHead().status()).isEqualTo(200);
            assertThat(client.readChunk()).isEqualTo("\n".getBytes(StandardCharsets.UTF_8));

            streams.endAll(new SessionId("BBBBBBBBBBBBBBBBBBBBBB"));
            assertThat(upstreamClosed.await(300, TimeUnit.MILLISECONDS)).as("another session's end").isFalse();
            long ended = System.nanoTime();
            streams.endAll(FakeSessions.SESSION_ID);

            assertThat(upstreamClosed.await(1, TimeUnit.SECONDS)).as("CouchDB connection closed").isTrue();
            assertThat(readsUntilClosed(client.input(), ended + Duration.ofSeconds(1).toNanos()))
                    .as("client connection closed within 1 s").isTrue();
        }
    }

    @Test
    void endAll_ofASessionWithNothingOpen_doesNothing() {
        SessionStreams streams = proxy.context().getBean(NettySessionStreams.class);

        streams.endAll(FakeSessions.SESSION_ID);

        assertThat(proxy.context().getBean(NettySessionStreams.class).openCount(FakeSessions.SESSION_ID)).isZero();
    }

    @Test
    void finishedChangesRequest_isForgotten() throws Exception {
        RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/_changes", List.of(), null);
        assertThat(response.status()).isEqualTo(200);
        NettySessionStreams streams = proxy.context().getBean(NettySessionStreams.class);

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (streams.openCount(FakeSessions.SESSION_ID) > 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
        }
        assertThat(streams.openCount(FakeSessions.SESSION_ID)).isZero();
    }

    /** The stub answers with a heartbeat every 50 ms until a write fails: its connection was closed. */
    private static CountDownLatch heartbeatsUntilTheConnectionCloses() {
        CountDownLatch closed = new CountDownLatch(1);
        couchDb.answerWith(exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            try {
                for (int beat = 0; beat < 600 && closed.getCount() > 0; beat++) {
                    body.write('\n');
                    body.flush();
                    closed.await(50, TimeUnit.MILLISECONDS);
                }
            } catch (IOException e) {
                closed.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return closed;
    }

    /** Reads (and drops) what still arrives; true when the stream ends before the deadline. */
    private static boolean readsUntilClosed(InputStream in, long deadlineNanos) throws IOException {
        byte[] buffer = new byte[4096];
        while (System.nanoTime() < deadlineNanos) {
            try {
                if (in.read(buffer) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }
        return false;
    }
}
