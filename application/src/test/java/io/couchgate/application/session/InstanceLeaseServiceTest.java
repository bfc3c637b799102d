package io.couchgate.application.session;

import static io.couchgate.application.session.SessionFixture.ALICE;
import static io.couchgate.application.session.SessionFixture.BOB;
import static io.couchgate.application.session.SessionFixture.INSTANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.port.testing.InMemoryInstanceLeases;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceLeaseServiceTest {

    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private final SessionFixture fixture = new SessionFixture();
    private final InMemoryInstanceLeases leases = new InMemoryInstanceLeases();
    private final InstanceLeaseService lease =
            new InstanceLeaseService(leases, fixture.directory, INSTANCE, fixture.clock, INTERVAL);

    @Test
    void renew_holdsTheLeaseForThreeIntervals_andIsCurrentUntilThen() {
        assertThat(lease.isCurrent()).isFalse();
        lease.renew();
        assertThat(leases.leases()).isEqualTo(Map.of(INSTANCE, fixture.clock.now().plusSeconds(30)));
        assertThat(lease.isCurrent()).isTrue();

        fixture.clock.advance(Duration.ofSeconds(30).minusMillis(1));
        assertThat(lease.isCurrent()).isTrue();
        fixture.clock.advance(Duration.ofMillis(1));
        assertThat(lease.isCurrent()).isFalse();
    }

    @Test
    void failedRenewals_letTheLeaseLapse_andASuccessfulOneMakesItCurrentAgain() {
        lease.renew();
        leases.failAll(true);
        fixture.clock.advance(INTERVAL);
        assertThatThrownBy(lease::renew).isInstanceOf(CouchDbException.class);
        assertThat(lease.isCurrent()).isTrue();
        fixture.clock.advance(INTERVAL.multipliedBy(2));
        assertThat(lease.isCurrent()).isFalse();

        leases.failAll(false);
        lease.renew();
        assertThat(lease.isCurrent()).isTrue();
    }

    @Test
    void stop_deletesOwnSessionUsersOnly_andReleasesTheLease() {
        fixture.open(ALICE, Duration.ofHours(1));
        fixture.open(BOB, Duration.ofHours(1));
        String other = "users/" + InstanceId.random() + "/bob/BBBBBBBBBBBBBBBBBBBBBB";
        fixture.directory.addExisting(other);
        lease.renew();

        assertThat(lease.stop()).isEqualTo(2);

        assertThat(fixture.directory.liveNames()).containsExactly(other);
        assertThat(leases.leases()).isEmpty();
        assertThat(lease.isCurrent()).isFalse();
    }

    @Test
    void interval_mustBePositive() {
        assertThatThrownBy(() -> new InstanceLeaseService(leases, fixture.directory, INSTANCE, fixture.clock,
                Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("interval must be positive, was PT0S");
    }
}
