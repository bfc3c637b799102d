package io.couchgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.http.testing.ApiClient;
import io.couchgate.domain.Username;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@MicronautTest(rebuildContext = true)
class SignupThrottleApiTest extends ApiTestSupport {

    private ApiClient.Response signUpAs(String username) {
        return api.putJson("/api/users", credentials(username, PASSWORD));
    }

    @Test
    void eleventhSignupFromOneAddressWithinAnHour_returns429_withRetryAfter_andCreatesNothing() {
        for (int i = 0; i < 10; i++) {
            assertThat(signUpAs("user" + i).status()).isEqualTo(201);
        }

        ApiClient.Response eleventh = signUpAs("user10");

        assertProblem(eleventh, 429, "too-many-requests");
        assertThat(eleventh.header("Retry-After")).isEqualTo("360"); // 1 hour / 10 signups
        assertThat(eleventh.body()).containsEntry("detail", "too many signups from this address; try again later");
        assertThat(users.findByUsername(Username.of("user10"))).isEmpty();
    }

    @Test
    void failedSignups_countToo_soTakenNamesCannotBeProbedWithoutLimit() {
        signUp("alice");
        for (int i = 0; i < 9; i++) {
            assertProblem(signUpAs("alice"), 409, "username-taken");
        }

        assertProblem(signUpAs("alice"), 429, "too-many-requests");
    }

    @Test
    void throttledAddress_getsOneSignupBackAfterRetryAfter() {
        for (int i = 0; i < 10; i++) {
            signUpAs("user" + i);
        }
        clock.advance(Duration.ofSeconds(359));
        assertThat(signUpAs("user10").status()).isEqualTo(429);

        clock.advance(Duration.ofSeconds(1));

        assertThat(signUpAs("user10").status()).isEqualTo(201);
        assertThat(signUpAs("user11").status()).isEqualTo(429);
    }

    @Test
    void xForwardedFor_isIgnored() {
        for (int i = 0; i < 10; i++) {
            signUpAs("user" + i);
        }

        ApiClient.Response spoofed = api.send(api.request("/api/users").header("Content-Type", "application/json")
                .header("X-Forwarded-For", "198.51.100.7")
                .PUT(HttpRequest.BodyPublishers.ofString(credentials("user10", PASSWORD))));

        assertProblem(spoofed, 429, "too-many-requests");
    }
}
