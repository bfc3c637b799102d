package io.couchgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.http.testing.OverlappingRequests;
import io.couchgate.domain.port.testing.GatedPasswordHasher;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Attempts that really overlap: every password check is held at a gate until all refused attempts have been
 * answered, so a throttle that only counts after checking would let more than the limit in (and this test time out).
 */
@MicronautTest(rebuildContext = true)
class OverlappingLoginsApiTest extends ApiTestSupport {

    @Inject
    GatedPasswordHasher gate;

    @AfterEach
    void openTheGate() {
        gate.open();
    }

    @Test
    void twoHundredOverlappingWrongPasswordsForOneUser_checkTen_theOthersGet429WithRetryAfter() throws Exception {
        signUp("alice");
        OverlappingRequests requests = heldWhile(() -> OverlappingRequests.send(200,
                i -> login("alice", "wrong password number " + i)), LoginThrottle.PER_USERNAME);

        Map<Integer, Integer> statuses = requests.statusCounts();

        assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(401, 10, 429, 190));
        assertThat(logIns.calls()).isEqualTo(10);
        assertThat(gate.entered()).isEqualTo(10);
        assertRefusalsCarryRetryAfter(requests, "90"); // 15 minutes / 10 attempts
    }

    @Test
    void sixtyOverlappingGuessesFromOneAddress_checkThirty_theOthersGet429WithRetryAfter() throws Exception {
        OverlappingRequests requests = heldWhile(() -> OverlappingRequests.send(60,
                i -> login("nobody" + i, PASSWORD)), LoginThrottle.PER_ADDRESS);

        assertThat(requests.statusCounts()).containsExactlyInAnyOrderEntriesOf(Map.of(401, 30, 429, 30));
        assertThat(logIns.calls()).isEqualTo(30);
        assertThat(gate.entered()).isEqualTo(30);
        assertRefusalsCarryRetryAfter(requests, "30"); // 15 minutes / 30 attempts
    }

    @Test
    void afterOverlappingFailures_theAccountStaysThrottled_evenForTheRightPassword() throws Exception {
        signUp("alice");
        OverlappingRequests requests = heldWhile(() -> OverlappingRequests.send(50,
                i -> login("alice", "wrong password number " + i)), LoginThrottle.PER_USERNAME);
        requests.statusCounts();

        assertProblem(api.putJson("/api/sessions", credentials("alice", PASSWORD)), 429, "too-many-requests");
        assertThat(logIns.calls()).isEqualTo(10);
    }

    /**
     * Closes the gate, sends, waits until exactly {@code held} checks are held and every other request has been
     * answered, then opens the gate.
     */
    private OverlappingRequests heldWhile(Supplier<OverlappingRequests> send, int held) throws InterruptedException {
        gate.resetCounts();
        gate.close();
        OverlappingRequests requests = send.get();
        assertThat(requests.awaitAnswered(requests.size() - held))
                .as("all but %d answered while the checks are held (answered: %d, held: %d)", held,
                        requests.answered(), gate.inside())
                .isTrue();
        assertThat(gate.inside()).isEqualTo(held);
        assertThat(requests.answered()).isEqualTo(requests.size() - held);
        gate.open();
        return requests;
    }

    private HttpRequest login(String username, String password) {
        return api.request("/api/sessions").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(credentials(username, password))).build();
    }

    private static void assertRefusalsCarryRetryAfter(OverlappingRequests requests, String seconds) throws Exception {
        for (HttpResponse<String> response : requests.all()) {
            if (response.statusCode() == 429) {
                assertThat(response.headers().firstValue("Retry-After")).contains(seconds);
                assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
                assertThat(response.body()).contains("\"type\":\"/problems/too-many-requests\"");
            }
        }
    }
}
