package io.couchgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.http.testing.ApiClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@MicronautTest(rebuildContext = true)
class LoginThrottleApiTest extends ApiTestSupport {

    private ApiClient.Response wrongPassword(String username) {
        return api.putJson("/api/sessions", credentials(username, "wrong password!"));
    }

    @Test
    void eleventhFailedLoginForOneUsername_returns429_withRetryAfterSeconds() {
        signUp("alice");
        for (int i = 0; i < 10; i++) {
            assertThat(wrongPassword("alice").status()).isEqualTo(401);
        }

        ApiClient.Response eleventh = wrongPassword("alice");

        assertProblem(eleventh, 429, "too-many-requests");
        assertThat(eleventh.header("Retry-After")).isEqualTo("90"); // 15 minutes / 10 attempts
        assertThat(logIns.calls()).isEqualTo(10);
    }

    @Test
    void throttledUsername_refusesEvenTheRightPassword_andOtherSpellingsOfIt() {
        signUp("alice");
        for (int i = 0; i < 10; i++) {
            wrongPassword("alice");
        }

        assertProblem(api.putJson("/api/sessions", credentials("alice", PASSWORD)), 429, "too-many-requests");
        assertProblem(api.putJson("/api/sessions", credentials("ALICE", PASSWORD)), 429, "too-many-requests");
        assertThat(logIns.calls()).isEqualTo(10);
    }

    @Test
    void throttledUsername_getsOneAttemptBackAfterRetryAfter() {
        signUp("alice");
        for (int i = 0; i < 10; i++) {
            wrongPassword("alice");
        }
        clock.advance(Duration.ofSeconds(89));
        assertThat(wrongPassword("alice").status()).isEqualTo(429);

        clock.advance(Duration.ofSeconds(1));

        assertThat(api.putJson("/api/sessions", credentials("alice", PASSWORD)).status()).isEqualTo(201);
    }

    @Test
    void successfulLogin_resetsTheUsernamesFailureCount() {
        signUp("alice");
        for (int i = 0; i < 9; i++) {
            wrongPassword("alice");
        }
        logIn("alice");

        for (int i = 0; i < 10; i++) {
            assertThat(wrongPassword("alice").status()).isEqualTo(401);
        }
        assertThat(wrongPassword("alice").status()).isEqualTo(429);
    }

    @Test
    void thirtyFailuresFromOneAddress_throttleIt_evenWithChangingXForwardedFor() {
        for (int i = 0; i < 30; i++) {
            ApiClient.Response response = api.send(api.request("/api/sessions")
                    .header("Content-Type", "application/json").header("X-Forwarded-For", "203.0.113." + i)
                    .PUT(HttpRequest.BodyPublishers.ofString(credentials("user" + i, PASSWORD))));
            assertThat(response.status()).isEqualTo(401);
        }

        ApiClient.Response thirtyFirst = api.send(api.request("/api/sessions")
                .header("Content-Type", "application/json").header("X-Forwarded-For", "198.51.100.7")
                .PUT(HttpRequest.BodyPublishers.ofString(credentials("someone-else", PASSWORD))));

        assertProblem(thirtyFirst, 429, "too-many-requests");
        assertThat(thirtyFirst.header("Retry-After")).isEqualTo("30"); // 15 minutes / 30 attempts
    }

    @Test
    void successfulLogins_doNotCountAgainstTheAddress() {
        signUp("alice");
        signUp("bob");
        for (int i = 0; i < 20; i++) {
            assertThat(api.putJson("/api/sessions", credentials("alice", PASSWORD)).status()).isEqualTo(201);
            assertThat(api.putJson("/api/sessions", credentials("bob", PASSWORD)).status()).isEqualTo(201);
        }
    }

    @Test
    void couchDbFailures_doNotCountAsFailedLogins() {
        signUp("alice");
        users.down(true);
        for (int i = 0; i < 12; i++) {
            assertThat(api.putJson("/api/sessions", credentials("alice", PASSWORD)).status()).isEqualTo(503);
        }
        users.down(false);

        assertThat(api.putJson("/api/sessions", credentials("alice", PASSWORD)).status()).isEqualTo(201);
    }
}
