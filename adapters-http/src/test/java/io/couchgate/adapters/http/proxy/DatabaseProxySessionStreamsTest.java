package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.domain.SessionId;
import io.couchgate.domain.port.SessionStreams;
import io.couchgate.domain.port.testing.FakeClock;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link SessionStreams#endAll} ends a session's open {@code _changes} requests: the client's connection closes and so
 * does the CouchDB connection behind it; other sessions' feeds stay open. Each close is awaited as an event with a
 * generous deadline; the ≤ 1 s promise is measured by scripts/bench scenario 9. A session's expiry ends its feeds
 * too, at its {@code expiresAt}, without waiting for the reaper.
 */
class DatabaseProxySessionStreamsTest extends ProxyOverStub {

    @Test
    void endAll_closesTheFeedsClientAndCouchDbConnections() throws Exception {
        CountDownLatch upstreamClosed = heartbeatsUntilTheConnectionCloses();
        SessionStreams streams = proxy.context().getBean(NettySessionStreams.class);

        try (RawHttpClient client = new RawHttpClient(proxy.port())) {
            client.send("GET", "/database/posts/_changes?FEED=continuous&heartbeat=50",
                    List.of("Authorization: Bearer " + FakeSessions.TOKEN), null);
            assertThat(client.readHead().status()).isEqualTo(200);
            assertThat(client.readChunk()).isEqualTo("\n".getBytes(StandardCharsets.UTF_8));

            streams.endAll(new SessionId("BBBBBBBBBBBBBBBBBBBBBB"));
            assertThat(upstreamClosed.await(300, TimeUnit.MILLISECONDS)).as("another session's end").isFalse();
            streams.endAll(FakeSessions.SESSION_ID);

            assertThat(upstreamClosed.await(GENEROUS.toNanos(), TimeUnit.NANOSECONDS)).as("CouchDB connection closed")
                    .isTrue();
            assertThat(client.endsWithin(GENEROUS)).as("client connection closed").isTrue();
        }
    }

    @Test
    void sessionsExpiry_closesItsOpenFeed_clientAndCouchDbConnection_withoutTheReaper() throws Exception {
        CountDownLatch upstreamClosed = heartbeatsUntilTheConnectionCloses();
        FakeClock clock = proxy.context().getBean(FakeClock.class);
        Instant before = clock.now();
        // FakeSessions' sessions expire a week after 2026-01-01; the feed opens 2 s before that instant (room for its
        // head and first heartbeat to arrive on a loaded machine before the close).
        clock.set(Instant.parse("2026-01-08T00:00:00Z").minusSeconds(2));
        try (RawHttpClient client = new RawHttpClient(proxy.port())) {
            client.send("GET", "/database/posts/_changes?feed=continuous&heartbeat=50",
                    List.of("Authorization: Bearer " + FakeSessions.TOKEN), null);
            assertThat(client.readHead().status()).isEqualTo(200);
            assertThat(client.readChunk()).isEqualTo("\n".getBytes(StandardCharsets.UTF_8));

            assertThat(upstreamClosed.await(GENEROUS.toNanos(), TimeUnit.NANOSECONDS)).as("CouchDB connection closed")
                    .isTrue();
            assertThat(client.endsWithin(GENEROUS)).as("client connection closed").isTrue();
        } finally {
            clock.set(before);
        }
        assertThat(proxy.context().getBean(NettySessionStreams.class).openCount(FakeSessions.SESSION_ID)).isZero();
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

        long deadline = System.nanoTime() + GENEROUS.toNanos();
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
}
