package io.couchgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.http.testing.ApiClient;
import io.couchgate.adapters.http.testing.OverlappingRequests;
import io.couchgate.domain.port.testing.GatedPasswordHasher;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /api} runs on 2 threads with a queue of 1 here: a flood is refused, never served by more threads. */
@MicronautTest(rebuildContext = true)
@Property(name = "couchgate.http.api-threads", value = "2")
@Property(name = "couchgate.http.api-queue", value = "1")
class ApiExecutorBoundApiTest extends ApiTestSupport {

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
    void floodOfFiftyLogins_twoRun_oneWaits_theOthersGet503_andNoThirdThreadStarts() throws Exception {
        gate.close();
        OverlappingRequests flood = OverlappingRequests.send(50, i -> api.request("/api/sessions")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(credentials("nobody" + i, PASSWORD))).build());

        assertThat(flood.awaitAnswered(47)).as("47 refused while 2 run and 1 waits").isTrue();
        assertThat(gate.inside()).isEqualTo(2);
        assertThat(executor.getQueue()).hasSize(1);
        assertThat(executor.getLargestPoolSize()).isEqualTo(2);
        assertThat(apiThreads()).isEqualTo(2);
        ApiClient.Response current = api.withBearer("GET", "/api/sessions/current", "whatever");
        assertThat(assertProblem(current, 503, "server-busy"))
                .containsEntry("detail", "too many requests at once; try again shortly");
        assertThat(current.header("Retry-After")).isEqualTo("1");

        gate.open();
        assertThat(flood.statusCounts()).isEqualTo(Map.of(401, 3, 503, 47));
        for (HttpResponse<String> response : flood.all()) {
            if (response.statusCode() == 503) {
                assertThat(response.headers().firstValue("Retry-After")).contains("1");
                assertThat(response.body()).contains("\"type\":\"/problems/server-busy\"");
            }
        }
        assertThat(executor.getLargestPoolSize()).isEqualTo(2);
        assertThat(logIns.calls()).isEqualTo(3);
    }

    private static long apiThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(ApiExecutorFactory.NAME + "-"))
                .count();
    }
}
