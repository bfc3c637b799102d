package io.couchgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.domain.port.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The signup throttle without HTTP (fast enough for PIT): 10 attempts per address in any hour, refilled greedily
 * (one every 6 minutes), whatever their outcome. {@code SignupThrottleApiTest} holds the wiring (429, Retry-After,
 * the socket address rather than {@code X-Forwarded-For}).
 */
class SignupThrottleTest {

    private static final String ADDRESS = "192.0.2.1";

    private final FakeClock clock = new FakeClock();
    private final SignupThrottle throttle = new SignupThrottle(clock);

    @Test
    void tenAttemptsPerAddress_thenRefused_withTheWaitForOneMore() {
        for (int i = 0; i < 10; i++) {
            throttle.acquire(ADDRESS);
        }

        assertRefused(ADDRESS, Duration.ofMinutes(6));
        clock.advance(Duration.ofSeconds(359));
        assertRefused(ADDRESS, Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        throttle.acquire(ADDRESS);
        assertRefused(ADDRESS, Duration.ofMinutes(6));
    }

    @Test
    void refusedAttempts_takeNothing_andOtherAddressesHaveTheirOwnBudget() {
        for (int i = 0; i < 10; i++) {
            throttle.acquire(ADDRESS);
        }
        for (int i = 0; i < 5; i++) {
            assertRefused(ADDRESS, Duration.ofMinutes(6));
        }

        for (int i = 0; i < 10; i++) {
            throttle.acquire("192.0.2.2");
        }
        assertRefused("192.0.2.2", Duration.ofMinutes(6));
        clock.advance(Duration.ofMinutes(6));
        throttle.acquire(ADDRESS);
    }

    private void assertRefused(String address, Duration wait) {
        assertThatThrownBy(() -> throttle.acquire(address)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.type()).isEqualTo(ProblemType.TOO_MANY_REQUESTS);
            assertThat(e.getMessage()).isEqualTo("too many signups from this address; try again later");
            assertThat(e.retryAfter()).contains(wait);
        });
    }
}
