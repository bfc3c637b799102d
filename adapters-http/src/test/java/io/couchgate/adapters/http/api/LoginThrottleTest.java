package io.couchgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.domain.port.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The login throttle's budgets without HTTP (fast enough for PIT): 10 failures per username and 30 per address in
 * any 15 minutes, and a refused attempt costs no budget it was not refused for.
 */
class LoginThrottleTest {

    private static final String ADDRESS = "192.0.2.1";

    private final FakeClock clock = new FakeClock();
    private final LoginThrottle throttle = new LoginThrottle(clock, 3);

    @Test
    void tenFailuresPerUsername_thenRefused_withTheWaitForOneMoreAttempt() {
        fail(10, ADDRESS, "alice");

        assertRefused(ADDRESS, "alice", "too many failed logins; try again later");
        clock.advance(Duration.ofSeconds(89));
        assertRefused(ADDRESS, "alice", "too many failed logins; try again later");
        clock.advance(Duration.ofSeconds(1));
        throttle.reserve(ADDRESS, "alice").failed();
    }

    @Test
    void attemptsRefusedForTheirUsername_costTheAddressNothing() {
        fail(10, ADDRESS, "alice");
        for (int i = 0; i < 5; i++) {
            assertRefused(ADDRESS, "alice", "too many failed logins; try again later");
        }

        fail(10, ADDRESS, "bob");
        fail(10, ADDRESS, "carol");
        assertRefused(ADDRESS, "dave", "too many failed logins; try again later");
    }

    @Test
    void attemptsRefusedForTooManySuccesses_costNoFailureBudget() {
        for (int i = 0; i < 3; i++) {
            throttle.reserve(ADDRESS, "alice").succeeded();
        }
        for (int i = 0; i < 40; i++) {
            assertRefused(ADDRESS, "alice", "too many logins for this user; try again later");
        }
    }

    @Test
    void success_givesTheAddressItsTokenBack_andStartsTheUsernamesFailuresAfresh() {
        fail(9, ADDRESS, "alice");
        throttle.reserve(ADDRESS, "alice").succeeded();

        fail(10, ADDRESS, "alice");
        assertRefused(ADDRESS, "alice", "too many failed logins; try again later");
        fail(10, ADDRESS, "bob");
        fail(1, ADDRESS, "carol");
        assertRefused(ADDRESS, "dave", "too many failed logins; try again later");
    }

    @Test
    void verifiedAccountOperations_spendNoSuccess_andFailedOnesNoneEither() {
        for (int i = 0; i < 5; i++) {
            throttle.reserve(ADDRESS, "alice").verified();
            throttle.reserve(ADDRESS, "alice").failed();
        }
        for (int i = 0; i < 3; i++) {
            throttle.reserve(ADDRESS, "alice").succeeded();
        }

        assertRefused(ADDRESS, "alice", "too many logins for this user; try again later");
    }

    @Test
    void cancelledAttempts_costNothing() {
        for (int i = 0; i < 50; i++) {
            throttle.reserve(ADDRESS, "alice").cancelled();
        }

        fail(10, ADDRESS, "alice");
        fail(10, ADDRESS, "bob");
        fail(10, ADDRESS, "carol");
        assertRefused(ADDRESS, "dave", "too many failed logins; try again later");
    }

    @Test
    void successesPerUsername_belowOne_isRefused() {
        assertThatThrownBy(() -> new LoginThrottle(clock, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("couchgate.login.successes-per-user must be at least 1, was 0");
        throttle.reserve(ADDRESS, "alice").succeeded();
        new LoginThrottle(clock, 1).reserve(ADDRESS, "alice").succeeded();
    }

    private void fail(int times, String address, String username) {
        for (int i = 0; i < times; i++) {
            throttle.reserve(address, username).failed();
        }
    }

    private void assertRefused(String address, String username, String detail) {
        assertThatThrownBy(() -> throttle.reserve(address, username)).isInstanceOfSatisfying(ApiException.class,
                e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.TOO_MANY_REQUESTS);
                    assertThat(e.getMessage()).isEqualTo(detail);
                    assertThat(e.retryAfter()).hasValueSatisfying(wait -> assertThat(wait).isPositive());
                });
    }
}
