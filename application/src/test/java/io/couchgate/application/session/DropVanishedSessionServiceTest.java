package io.couchgate.application.session;

import static io.couchgate.application.session.SessionFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.application.port.in.VanishedSessionOutcome;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.Session;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DropVanishedSessionServiceTest {

    private static final Duration HOUR = Duration.ofHours(1);

    private final SessionFixture fixture = new SessionFixture();
    private final DropVanishedSessionService service =
            new DropVanishedSessionService(fixture.directory, fixture.store, fixture.streams);

    @Test
    void sessionWhoseUserVanished_isDropped_andItsStreamsEnd_leavingOtherSessionsAlone() {
        Session vanished = fixture.open(ALICE, HOUR);
        Session other = fixture.open(ALICE, HOUR);
        fixture.directory.vanish(vanished.credentials().name());

        assertThat(service.dropIfVanished(vanished)).isEqualTo(VanishedSessionOutcome.DROPPED);

        assertThat(fixture.store.find(vanished.id())).isEmpty();
        assertThat(fixture.streams.ended()).containsExactly(vanished.id());
        assertThat(fixture.store.find(other.id())).contains(other);
        assertThat(fixture.directory.liveNames()).containsExactly(other.credentials().name());
    }

    @Test
    void sessionWhoseUserStillExists_isKept_untouched() {
        Session session = fixture.open(ALICE, HOUR);

        assertThat(service.dropIfVanished(session)).isEqualTo(VanishedSessionOutcome.USER_EXISTS);

        assertThat(fixture.store.find(session.id())).contains(session);
        assertThat(fixture.directory.liveNames()).containsExactly(session.credentials().name());
        assertThat(fixture.directory.deletedNames()).isEmpty();
        assertThat(fixture.streams.ended()).isEmpty();
    }

    @Test
    void secondDropOfTheSameSession_reportsItAlreadyEnded() {
        Session session = fixture.open(ALICE, HOUR);
        fixture.directory.vanish(session.credentials().name());
        service.dropIfVanished(session);

        assertThat(service.dropIfVanished(session)).isEqualTo(VanishedSessionOutcome.ALREADY_ENDED);
        assertThat(fixture.store.find(session.id())).isEmpty();
    }

    @Test
    void failingCheck_keepsTheSession() {
        Session session = fixture.open(ALICE, HOUR);
        fixture.directory.vanish(session.credentials().name());
        fixture.directory.failExists(true);

        assertThatThrownBy(() -> service.dropIfVanished(session)).isInstanceOf(CouchDbException.class);

        assertThat(fixture.store.find(session.id())).contains(session);
        assertThat(fixture.streams.ended()).isEmpty();
    }
}
