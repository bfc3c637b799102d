package io.couchgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.http.testing.ApiClient;
import io.couchgate.adapters.http.testing.OverlappingRequests;
import io.couchgate.domain.port.testing.GatedPasswordHasher;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code couchgate.login.successes-per-user} = 5 here (default 30): 5 successful logins per username in 15 minutes. */
@MicronautTest(rebuildContext = true)
@Property(name = "couchgate.login.successes-per-user", value = "5")
class SuccessfulLoginLimitApiTest extends ApiTestSupport {

    @Inject
    GatedPasswordHasher gate;

    @AfterEach
    void openTheGate() {
        gate.open();
    }

    @Test
    void sixthSuccessfulLogin_returns429_withRetryAfter_andIsNotChecked() {
        signUp("alice");
        for (int i = 0; i < 5; i++) {
            logIn("alice");
        }

        ApiClient.Response sixth = api.putJson("/api/sessions", credentials("alice", PASSWORD));

        Map<String, Object> body = assertProblem(sixth, 429, "too-many-requests");
        assertThat(body).containsEntry("detail", "too many logins for this user; try again later");
        assertThat(sixth.header("Retry-After")).isEqualTo("180"); // 15 minutes / 5 logins
        assertThat(logIns.calls()).isEqualTo(5);
    }

    @Test
    void theLimitIsPerUsername_andALoginComesBackAfterRetryAfter() {
        signUp("alice");
        signUp("bob");
        for (int i = 0; i < 5; i++) {
            logIn("alice");
        }
        logIn("bob");
        clock.advance(Duration.ofSeconds(179));
        assertThat(api.putJson("/api/sessions", credentials("alice", PASSWORD)).status()).isEqualTo(429);

        clock.advance(Duration.ofSeconds(1));

        logIn("alice");
    }

    @Test
    void failedLogins_doNotUseUpTheSuccesses() {
        signUp("alice");
        for (int i = 0; i < 9; i++) {
            assertThat(api.putJson("/api/sessions", credentials("alice", "wrong password!")).status()).isEqualTo(401);
        }
        for (int i = 0; i < 5; i++) {
            logIn("alice");
        }
    }

    @Test
    void eightOverlappingRightPasswords_checkFive_theOthersGet429() throws Exception {
        signUp("alice");
        gate.resetCounts();
        gate.close();
        OverlappingRequests requests = OverlappingRequests.send(8, i -> api.request("/api/sessions")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(credentials("alice", PASSWORD))).build());
        assertThat(requests.awaitAnswered(3)).as("3 answered while the checks are held").isTrue();
        assertThat(gate.inside()).isEqualTo(5);
        gate.open();

        assertThat(requests.statusCounts()).containsExactlyInAnyOrderEntriesOf(Map.of(201, 5, 429, 3));
        for (HttpResponse<String> response : requests.all()) {
            if (response.statusCode() == 429) {
                assertThat(response.headers().firstValue("Retry-After")).contains("180");
            }
        }
        assertThat(logIns.calls()).isEqualTo(5);
    }
}
