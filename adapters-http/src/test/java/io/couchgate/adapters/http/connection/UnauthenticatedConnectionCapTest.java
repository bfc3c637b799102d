package io.couchgate.adapters.http.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cap on unauthenticated connections (2 per address here; the head timeout stays long so that it plays no part).
 * A connection counts once it has waited {@link ConnectionLimits#UNAUTHENTICATED_GRACE} for its first head, until
 * that head is complete.
 */
@MicronautTest
@Property(name = ConnectionLimitsTestBeans.TIMEOUT, value = "30s")
@Property(name = ConnectionLimitsTestBeans.CAP, value = "2")
class UnauthenticatedConnectionCapTest {

    private static final String HALF_HEAD = "GET /health HTTP/1.1\r\n";
    private static final String REST_OF_HEAD = "Host: localhost\r\nConnection: close\r\n\r\n";

    @Inject
    EmbeddedServer server;
    @Inject
    ConnectionGuard guard;

    private final ExecutorService pool = Executors.newFixedThreadPool(40);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void connectionOverTheCap_isClosedAtOnce_whileEarlierOnesAreServedOnceTheirHeadsAreComplete() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (RawConnection first = RawConnection.open(server.getPort()).send(HALF_HEAD);
             RawConnection second = RawConnection.open(server.getPort()).send(HALF_HEAD)) {
            awaitHeld(loopback, 2);

            try (RawConnection third = RawConnection.open(server.getPort())) {
                assertThat(third.awaitClose()).isEmpty();
            }

            assertHealthAnswered(first.send(REST_OF_HEAD));
            assertHealthAnswered(second.send(REST_OF_HEAD));
        }
        assertThat(guard.slots().heldBy(loopback)).isZero();
        try (RawConnection afterwards = RawConnection.open(server.getPort())) {
            assertHealthAnswered(afterwards.send(HALF_HEAD + REST_OF_HEAD));
        }
    }

    @Test
    void capIsPerAddress_anotherAddressConnectsWhileOneHoldsEverySlot() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        InetAddress otherLoopback = InetAddress.getByName("127.0.0.2");
        try (RawConnection first = RawConnection.open(server.getPort()).send(HALF_HEAD);
             RawConnection second = RawConnection.open(server.getPort()).send(HALF_HEAD)) {
            awaitHeld(loopback, 2);

            try (RawConnection other = RawConnection.openFrom(otherLoopback, server.getPort())) {
                assertHealthAnswered(other.send(HALF_HEAD + REST_OF_HEAD));
            }
            assertHealthAnswered(first.send(REST_OF_HEAD));
            assertHealthAnswered(second.send(REST_OF_HEAD));
        }
    }

    @Test
    void connectionsWithCompleteHeads_doNotCount_soManyKeepAliveConnectionsStayOpen() throws Exception {
        RawConnection[] open = new RawConnection[5];
        try {
            for (int i = 0; i < open.length; i++) {
                open[i] = RawConnection.open(server.getPort()).send(HALF_HEAD + "Host: localhost\r\n\r\n");
                assertThat(open[i].readResponse().body()).isEqualTo("health reached");
            }
            for (RawConnection connection : open) {
                connection.send(HALF_HEAD + "Host: localhost\r\n\r\n");
                assertThat(connection.readResponse().body()).isEqualTo("health reached");
            }
        } finally {
            for (RawConnection connection : open) {
                if (connection != null) {
                    connection.close();
                }
            }
        }
    }

    @Test
    void burstOfConnectionsSendingTheirHeadsAtOnce_isServedInFull_farAboveTheCap() throws Exception {
        int burst = 40;
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < burst; i++) {
            statuses.add(CompletableFuture.supplyAsync(() -> healthStatusAfter(go), pool));
        }
        go.countDown();

        for (CompletableFuture<Integer> status : statuses) {
            assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(200);
        }
    }

    private int healthStatusAfter(CountDownLatch go) {
        try (RawConnection connection = RawConnection.open(server.getPort())) {
            go.await();
            return connection.send(HALF_HEAD + REST_OF_HEAD).readResponse().status();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void assertHealthAnswered(RawConnection connection) throws Exception {
        RawConnection.Response response = connection.readResponse();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("health reached");
    }

    /** The server counts a connection on its event loop, after the client's connect returned: poll, generously. */
    private void awaitHeld(InetAddress address, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (guard.slots().heldBy(address) < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(guard.slots().heldBy(address)).isEqualTo(count);
    }
}
