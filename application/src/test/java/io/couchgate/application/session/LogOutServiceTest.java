package io.couchgate.application.session;

import static io.couchgate.application.session.SessionFixture.ALICE;
import static io.couchgate.application.session.SessionFixture.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.Session;
import io.couchgate.domain.SessionId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LogOutServiceTest {

    private static final Duration HOUR = Duration.ofHours(1);

    private final SessionFixture fixture = new SessionFixture();
    private final LogOutService service = new LogOutService(fixture.directory, fixture.store, fixture.streams);

    @Test
    void logOut_deletesTheSessionUser_forgetsTheSession_andEndsItsStreams_leavingOtherSessionsAlone() {
        Session ended = fixture.open(ALICE, HOUR);
        Session other = fixture.open(ALICE, HOUR);

        service.logOut(ended.id());

        assertThat(fixture.streams.ended()).containsExactly(ended.id());
        assertThat(fixture.directory.deletedNames()).containsExactly(ended.credentials().name());
        assertThat(fixture.store.find(ended.id())).isEmpty();
        assertThat(fixture.store.find(other.id())).contains(other);
        assertThat(fixture.directory.liveNames()).containsExactly(other.credentials().name());
    }

    @Test
    void logOutOfAnUnknownSession_changesNothing() {
        Session kept = fixture.open(ALICE, HOUR);
        service.logOut(new SessionId("AAAAAAAAAAAAAAAAAAAAAA"));
        assertThat(fixture.directory.deletedNames()).isEmpty();
        assertThat(fixture.streams.ended()).isEmpty();
        assertThat(fixture.store.find(kept.id())).contains(kept);
    }

    @Test
    void failedDelete_keepsTheSession_soTheLogoutCanBeRetried() {
        Session session = fixture.open(ALICE, HOUR);
        fixture.directory.failDeletesOf(session.id());

        assertThatThrownBy(() -> service.logOut(session.id())).isInstanceOf(CouchDbException.class);
        assertThat(fixture.store.find(session.id())).contains(session);
        assertThat(fixture.streams.ended()).isEmpty();

        fixture.directory.healDeletes();
        service.logOut(session.id());
        assertThat(fixture.store.find(session.id())).isEmpty();
        assertThat(fixture.directory.liveNames()).isEmpty();
    }

    @Test
    void logOutEverywhere_endsEverySessionOfTheUser_andTheirStreams_only() {
        Session first = fixture.open(ALICE, HOUR);
        Session second = fixture.open(ALICE, HOUR);
        Session bobs = fixture.open(BOB, HOUR);

        assertThat(service.logOutEverywhere(ALICE)).isEqualTo(2);

        assertThat(fixture.streams.ended()).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(fixture.store.findByUsername(ALICE)).isEmpty();
        assertThat(fixture.store.findByUsername(BOB)).containsExactly(bobs);
        assertThat(fixture.directory.liveNames()).containsExactly(bobs.credentials().name());
    }

    @Test
    void logOutEverywhere_stopsAtTheSessionCouchDbFailsToEnd_keepsItAndTheRest_andARetryEndsThem() {
        Session failing = fixture.open(ALICE, HOUR);
        fixture.open(ALICE, HOUR);
        fixture.open(ALICE, HOUR);
        fixture.directory.failDeletesOf(failing.id());

        assertThatThrownBy(() -> service.logOutEverywhere(ALICE)).isInstanceOf(CouchDbException.class);

        int kept = fixture.store.findByUsername(ALICE).size();
        assertThat(fixture.store.findByUsername(ALICE)).contains(failing);
        assertThat(fixture.directory.liveNames()).hasSize(kept).contains(failing.credentials().name());
        assertThat(fixture.directory.deletedNames()).hasSize(3 - kept); // the ones before the failure, in store order

        fixture.directory.healDeletes();
        assertThat(service.logOutEverywhere(ALICE)).isEqualTo(kept);
        assertThat(fixture.store.findByUsername(ALICE)).isEmpty();
        assertThat(fixture.directory.liveNames()).isEmpty();
    }

    @Test
    void logOutEverywhere_ofAUserWithoutSessions_endsNone() {
        assertThat(service.logOutEverywhere(BOB)).isZero();
    }
}
