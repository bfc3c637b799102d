package io.couchgate.adapters.http.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The header-read timeout (1 s here) over raw sockets: slow heads are cut, slow bodies, slow responses and idle
 * keep-alive connections are not. Clients are paced with sleeps (the behaviour under test); every close is awaited
 * as an event, bounded by {@link RawConnection#READ_BOUND_MILLIS}.
 */
@MicronautTest
@Property(name = ConnectionLimitsTestBeans.TIMEOUT, value = "1s")
class HeaderReadTimeoutTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final Duration LINE_PAUSE = Duration.ofMillis(200);
    private static final String PASSWORD = "violet-Tundra-93-quill-harbor";

    @Inject
    EmbeddedServer server;

    @Test
    void clientSendingOneHeaderLineEvery200ms_gets408AndIsClosed_afterTheTimeout() throws Exception {
        long start = System.nanoTime();
        try (RawConnection slow = RawConnection.open(server.getPort())) {
            AtomicInteger linesSent = new AtomicInteger();
            Thread sender = new Thread(() -> trickleHeaderLines(slow, linesSent), "slow-header-client");
            sender.start();

            String received = slow.awaitClose();

            Duration openFor = Duration.ofNanos(System.nanoTime() - start);
            sender.join();
            assertThat(received).isEqualTo("HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n"
                    + "Content-Length: 0\r\n\r\n");
            assertThat(openFor).isGreaterThanOrEqualTo(TIMEOUT);
            assertThat(linesSent.get()).isGreaterThan(1);
        }
    }

    @Test
    void connectionThatSendsNothing_isClosedWithoutAnAnswer() throws Exception {
        try (RawConnection silent = RawConnection.open(server.getPort())) {
            assertThat(silent.awaitClose()).isEmpty();
        }
    }

    @Test
    void completeHeadWithABodyArrivingSlowly_isServed() throws Exception {
        String body = "{\"username\":\"slowbody\",\"password\":\"" + PASSWORD + "\"}";
        try (RawConnection upload = RawConnection.open(server.getPort())) {
            upload.send("PUT /api/users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n");
            for (int i = 0; i < body.length(); i += 8) {
                Thread.sleep(LINE_PAUSE.toMillis());
                upload.send(body.substring(i, Math.min(body.length(), i + 8)));
            }

            RawConnection.Response response = upload.readResponse();

            assertThat(response.status()).isEqualTo(201);
            assertThat(response.body()).isEqualTo("{\"username\":\"slowbody\"}");
        }
    }

    @Test
    void responseStreamingForLongerThanTheTimeout_isReadToItsEnd() throws Exception {
        try (RawConnection feed = RawConnection.open(server.getPort())) {
            feed.send("GET /connection-test/slow HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

            String received = feed.awaitClose();

            assertThat(received).startsWith("HTTP/1.1 200 OK\r\n").contains("tick 0\n")
                    .contains("tick " + (SlowResponseController.PIECES - 1) + "\n");
        }
    }

    @Test
    void keepAliveConnection_idleLongerThanTheTimeout_servesItsSecondRequest_andTimesItsNextHead() throws Exception {
        try (RawConnection keepAlive = RawConnection.open(server.getPort())) {
            keepAlive.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(keepAlive.readResponse().body()).isEqualTo("health reached");

            Thread.sleep(TIMEOUT.multipliedBy(2).toMillis());
            keepAlive.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
            RawConnection.Response second = keepAlive.readResponse();

            assertThat(second.status()).isEqualTo(200);
            assertThat(second.body()).isEqualTo("health reached");
            keepAlive.send("GET /health HTTP/1.1\r\n");
            assertThat(keepAlive.awaitClose()).startsWith("HTTP/1.1 408 Request Timeout\r\n");
        }
    }

    private static void trickleHeaderLines(RawConnection connection, AtomicInteger sent) {
        try {
            connection.send("GET /health HTTP/1.1\r\n");
            sent.incrementAndGet();
            for (int i = 0; i < 50; i++) {
                Thread.sleep(LINE_PAUSE.toMillis());
                connection.send("X-Slow-" + i + ": " + i + "\r\n");
                sent.incrementAndGet();
            }
        } catch (IOException closedByServer) {
            // Expected once the server gives up on the head.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
