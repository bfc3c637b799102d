package io.couchgate.application.session;

import static io.couchgate.application.session.SessionFixture.ALICE;
import static io.couchgate.application.session.SessionFixture.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.domain.Session;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReapExpiredSessionsServiceTest {

    private static final Duration TTL = Duration.ofSeconds(30);

    private final SessionFixture fixture = new SessionFixture();
    private final ReapExpiredSessionsService reaper =
            new ReapExpiredSessionsService(fixture.directory, fixture.store, fixture.streams, fixture.clock);

    @Test
    void nothingIsReaped_oneMillisecondBeforeExpiry() {
        Session session = fixture.open(ALICE, TTL);
        fixture.clock.advance(TTL.minusMillis(1));

        assertThat(reaper.reap()).isZero();
        assertThat(fixture.store.find(session.id())).contains(session);
        assertThat(fixture.directory.deletedNames()).isEmpty();
        assertThat(fixture.streams.ended()).isEmpty();
    }

    @Test
    void expiredSessions_loseTheirUserCredentialsAndStreams_atTheExpiryInstant() {
        Session early = fixture.open(ALICE, TTL);
        fixture.clock.advance(Duration.ofSeconds(10));
        Session later = fixture.open(BOB, TTL);
        fixture.clock.advance(Duration.ofSeconds(20));

        assertThat(reaper.reap()).isEqualTo(1);
        assertThat(fixture.directory.deletedNames()).containsExactly(early.credentials().name());
        assertThat(fixture.store.find(early.id())).isEmpty();
        assertThat(fixture.store.find(later.id())).contains(later);
        assertThat(fixture.streams.ended()).containsExactly(early.id());

        fixture.clock.advance(Duration.ofSeconds(10));
        assertThat(reaper.reap()).isEqualTo(1);
        assertThat(fixture.store.find(later.id())).isEmpty();
        assertThat(fixture.directory.liveNames()).isEmpty();
    }

    @Test
    void oneFailure_doesNotStopTheOthers_andIsRetriedNextRun() {
        Session first = fixture.open(ALICE, TTL);
        Session failing = fixture.open(ALICE, TTL);
        Session third = fixture.open(BOB, TTL);
        fixture.directory.failDeletesOf(failing.id());
        fixture.clock.advance(TTL);

        assertThat(reaper.reap()).isEqualTo(2);
        assertThat(fixture.store.find(first.id())).isEmpty();
        assertThat(fixture.store.find(third.id())).isEmpty();
        assertThat(fixture.store.find(failing.id())).contains(failing);
        assertThat(fixture.streams.ended()).containsExactlyInAnyOrder(first.id(), third.id());

        fixture.directory.healDeletes();
        assertThat(reaper.reap()).isEqualTo(1);
        assertThat(fixture.directory.liveNames()).isEmpty();
    }
}
