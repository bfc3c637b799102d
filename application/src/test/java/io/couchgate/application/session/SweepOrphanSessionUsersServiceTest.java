package io.couchgate.application.session;

import static io.couchgate.application.session.SessionFixture.ALICE;
import static io.couchgate.application.session.SessionFixture.BOB;
import static io.couchgate.application.session.SessionFixture.INSTANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.port.testing.ContractSessions;
import io.couchgate.domain.port.testing.InMemoryInstanceLeases;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepOrphanSessionUsersServiceTest {

    private static final Duration GRACE = Duration.ofMinutes(1);

    private final SessionFixture fixture = new SessionFixture();
    private final InMemoryInstanceLeases leases = new InMemoryInstanceLeases();
    private final SweepOrphanSessionUsersService sweep = new SweepOrphanSessionUsersService(leases,
            fixture.directory, fixture.store, fixture.streams, INSTANCE, fixture.clock, GRACE);

    @Test
    void sweep_deletesUsersOfInstancesWithoutALiveLease_only() {
        Session own = fixture.open(ALICE, Duration.ofHours(1));
        InstanceId live = InstanceId.random();
        InstanceId lapsed = InstanceId.random();
        InstanceId neverLeased = InstanceId.random();
        leases.renew(live, fixture.clock.now().plusSeconds(30));
        leases.renew(lapsed, fixture.clock.now().minusMillis(1));
        String ofLive = "users/" + live + "/bob/BBBBBBBBBBBBBBBBBBBBBB";
        String ofLapsed = "users/" + lapsed + "/bob/CCCCCCCCCCCCCCCCCCCCCC";
        String ofNobody = "users/" + neverLeased + "/alice/DDDDDDDDDDDDDDDDDDDDDD";
        fixture.directory.addExisting(ofLive);
        fixture.directory.addExisting(ofLapsed);
        fixture.directory.addExisting(ofNobody);
        fixture.directory.addExisting("someone-else");

        assertThat(sweep.sweep()).isEqualTo(2);

        assertThat(fixture.directory.deletedNames()).containsExactlyInAnyOrder(ofLapsed, ofNobody);
        assertThat(fixture.directory.liveNames()).containsExactlyInAnyOrder(own.credentials().name(), ofLive,
                "someone-else");
        assertThat(sweep.sweep()).isZero();
    }

    @Test
    void sweep_deletesLeasesThatLapsedMoreThanAnHourAgo_only() {
        InstanceId longGone = InstanceId.random();
        InstanceId recentlyGone = InstanceId.random();
        leases.renew(longGone, fixture.clock.now().minus(Duration.ofHours(1)).minusMillis(1));
        leases.renew(recentlyGone, fixture.clock.now().minus(Duration.ofMinutes(59)));

        sweep.sweep();

        assertThat(leases.leases()).containsOnlyKeys(recentlyGone);
    }

    @Test
    void ownUsers_areKept_evenWhenTheOwnLeaseHasLapsed() {
        Session own = fixture.open(ALICE, Duration.ofHours(1));
        assertThat(sweep.sweep()).isZero();
        assertThat(fixture.directory.liveNames()).containsExactly(own.credentials().name());
    }

    @Test
    void ownUserWithoutItsSession_isDeleted_asALoginWhoseAnswerWasLostLeavesIt() {
        Session kept = fixture.open(ALICE, Duration.ofHours(1));
        Session forgotten = ContractSessions.session(INSTANCE, ALICE, fixture.clock.now(),
                fixture.clock.now().plusSeconds(3600));
        fixture.directory.create(forgotten); // CouchDB stored it; the login never heard so and kept no session

        assertThat(sweep.sweep()).isEqualTo(1);

        assertThat(fixture.directory.deletedNames()).containsExactly(forgotten.credentials().name());
        assertThat(fixture.directory.liveNames()).containsExactly(kept.credentials().name());
    }

    @Test
    void ownUserWhoseSessionIsKeptBeforeTheUserIsCreated_isKept() {
        Session loggingIn = ContractSessions.session(INSTANCE, ALICE, fixture.clock.now(),
                fixture.clock.now().plusSeconds(3600));
        fixture.store.put(loggingIn); // a login keeps the session first, then creates the user
        fixture.directory.create(loggingIn);

        assertThat(sweep.sweep()).isZero();
        assertThat(fixture.directory.liveNames()).containsExactly(loggingIn.credentials().name());
    }

    @Test
    void leasesUnreadable_deletesNothing_andFails() {
        String other = "users/" + InstanceId.random() + "/bob/BBBBBBBBBBBBBBBBBBBBBB";
        fixture.directory.addExisting(other);
        leases.failAll(true);
        assertThatThrownBy(sweep::sweep).isInstanceOf(CouchDbException.class);
        assertThat(fixture.directory.liveNames()).containsExactly(other);
    }

    @Test
    void ownSessionWhoseUserIsGone_isEndedAsALogoutEndsIt_fromTheListingAlone_othersStay() {
        Session ended = fixture.open(ALICE, Duration.ofHours(1));
        Session kept = fixture.open(BOB, Duration.ofHours(1));
        fixture.clock.advance(GRACE.plusMillis(1));
        fixture.directory.vanish(ended.credentials().name()); // the admin CLI deleted it in _users
        fixture.directory.failExists(true); // a request per session would fail the sweep

        assertThat(sweep.sweep()).isEqualTo(1);

        assertThat(fixture.store.find(ended.id())).isEmpty();
        assertThat(fixture.streams.ended()).containsExactly(ended.id());
        assertThat(fixture.store.find(kept.id())).contains(kept);
        assertThat(fixture.directory.liveNames()).containsExactly(kept.credentials().name());
        assertThat(fixture.directory.deletedNames()).isEmpty();
        assertThat(sweep.sweep()).isZero();
    }

    @Test
    void sessionWhoseUserIsStillBeingCreated_isKept_throughTheGracePeriod() {
        Session loggingIn = ContractSessions.session(INSTANCE, ALICE, fixture.clock.now(),
                fixture.clock.now().plusSeconds(3600));
        fixture.store.put(loggingIn); // the login kept the session; its user's PUT is not answered yet
        fixture.clock.advance(GRACE);

        assertThat(sweep.sweep()).isZero();
        assertThat(fixture.store.find(loggingIn.id())).contains(loggingIn);
        assertThat(fixture.streams.ended()).isEmpty();

        fixture.directory.create(loggingIn);
        fixture.clock.advance(GRACE);
        assertThat(sweep.sweep()).isZero();
        assertThat(fixture.store.find(loggingIn.id())).contains(loggingIn);
    }

    @Test
    void sessionUserGone_butTheListingFails_endsNoSession() {
        Session session = fixture.open(ALICE, Duration.ofHours(1));
        fixture.clock.advance(GRACE.plusMillis(1));
        fixture.directory.vanish(session.credentials().name());
        fixture.directory.failListing(true);

        assertThatThrownBy(sweep::sweep).isInstanceOf(CouchDbException.class);
        assertThat(fixture.store.findByUsername(ALICE)).isEqualTo(List.of(session));
        assertThat(fixture.streams.ended()).isEmpty();
    }

    @Test
    void negativeGrace_isRefused() {
        assertThatThrownBy(() -> new SweepOrphanSessionUsersService(leases, fixture.directory, fixture.store,
                fixture.streams, INSTANCE, fixture.clock, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
