package io.couchgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.http.testing.OverlappingRequests;
import io.couchgate.domain.port.testing.GatedPasswordHasher;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One {@code /api} thread: requests queued behind a held login wait on the (fake) clock; past
 * {@code couchgate.password.queue-timeout} (2 s) they are refused with 503 before any throttle token or hash.
 */
@MicronautTest(rebuildContext = true)
@Property(name = "couchgate.http.api-threads", value = "1")
@Property(name = "couchgate.http.api-queue", value = "8")
class QueueWaitApiTest extends ApiTestSupport {

    @Inject
    GatedPasswordHasher gate;
    @Inject
    @Named(ApiExecutorFactory.NAME)
    ApiExecutor executor;

    @AfterEach
    void openTheGate() {
        gate.open();
    }

    @Test
    void signupsAndLoginsThatWaitedLongerThanTheQueueTimeout_get503_withoutHashingOrCounting() throws Exception {
        signUp("alice");
        gate.resetCounts();
        gate.close();
        OverlappingRequests held = OverlappingRequests.send(1, i -> login("alice", "wrong password!"));
        assertThat(gate.awaitInside(1, OverlappingRequests.GENEROUS)).isTrue();
        OverlappingRequests queued = OverlappingRequests.send(4, i -> i < 3 ? login("alice", PASSWORD)
                : put("/api/users", credentials("bob", PASSWORD)));
        assertThat(poll(() -> executor.getQueue().size() == 4)).as("four requests queue for the one thread").isTrue();

        clock.advance(Duration.ofMillis(2001));
        gate.open();

        assertThat(held.statusCounts()).isEqualTo(Map.of(401, 1));
        assertThat(queued.statusCounts()).isEqualTo(Map.of(503, 4));
        for (HttpResponse<String> response : queued.all()) {
            assertThat(response.headers().firstValue("Retry-After")).contains("1");
            assertThat(response.body()).contains("\"type\":\"/problems/server-busy\"")
                    .contains("too many requests at once; try again shortly");
        }
        assertThat(logIns.calls()).isEqualTo(1);
        assertThat(gate.entered()).isEqualTo(1); // the held login
        logIn("alice");
        signUp("bob");
    }

    @Test
    void aRequestThatWaitedExactlyTheQueueTimeout_isServed() throws Exception {
        signUp("alice");
        gate.close();
        OverlappingRequests held = OverlappingRequests.send(1, i -> login("alice", "wrong password!"));
        assertThat(gate.awaitInside(1, OverlappingRequests.GENEROUS)).isTrue();
        OverlappingRequests queued = OverlappingRequests.send(1, i -> login("alice", PASSWORD));
        assertThat(poll(() -> executor.getQueue().size() == 1)).isTrue();

        clock.advance(Duration.ofSeconds(2));
        gate.open();

        assertThat(held.statusCounts()).isEqualTo(Map.of(401, 1));
        assertThat(queued.statusCounts()).isEqualTo(Map.of(201, 1));
    }

    private HttpRequest login(String username, String password) {
        return put("/api/sessions", credentials(username, password));
    }

    private HttpRequest put(String path, String body) {
        return api.request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Asks {@code condition} again and again for up to 60 s; true as soon as it holds. */
    private static boolean poll(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + OverlappingRequests.GENEROUS.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return true;
    }
}
