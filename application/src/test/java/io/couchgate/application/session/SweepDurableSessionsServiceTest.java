package io.couchgate.application.session;

import static io.couchgate.application.session.SessionFixture.ALICE;
import static io.couchgate.application.session.SessionFixture.BOB;
import static io.couchgate.application.session.SessionFixture.INSTANCE;
import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.port.testing.ContractSessions;
import io.couchgate.domain.port.testing.InMemoryInstanceLeases;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepDurableSessionsServiceTest {

    private static final Duration GRACE = Duration.ofMinutes(1);

    private final SessionFixture fixture = new SessionFixture();
    private final InMemoryInstanceLeases leases = new InMemoryInstanceLeases();
    private Map<String, Instant> staleIndex;
    private final SweepDurableSessionsService sweep = new SweepDurableSessionsService(leases, fixture.directory,
            new ForwardingSessionStore(fixture.store) {
                @Override
                public Map<String, Instant> issuedAtByDigest() {
                    return staleIndex != null ? staleIndex : super.issuedAtByDigest();
                }
            }, INSTANCE, fixture.clock, GRACE);

    @Test
    void aSessionUserWithoutItsDoc_isDeleted_andOneWithItsDocIsKept() {
        Session kept = fixture.open(ALICE, Duration.ofHours(1));
        Session loggedOutHalfway = fixture.open(BOB, Duration.ofHours(1));
        fixture.store.remove(loggedOutHalfway.id()); // a kill -9 between the two deletions of a logout

        assertThat(sweep.sweep()).isEqualTo(1);

        assertThat(fixture.directory.liveNames()).containsExactly(kept.credentials().name());
        assertThat(fixture.store.find(kept.id())).contains(kept);
        assertThat(sweep.sweep()).isZero();
    }

    @Test
    void aDocWithoutItsUser_isRemovedOnlyOnceOlderThanTheGracePeriod() {
        Session halfLoggedIn = storedOnly(ALICE); // a kill -9 between the two writes of a login
        fixture.clock.advance(GRACE);
        assertThat(sweep.sweep()).isZero();
        assertThat(fixture.store.find(halfLoggedIn.id())).contains(halfLoggedIn);

        fixture.clock.advance(Duration.ofMillis(1));
        assertThat(sweep.sweep()).isEqualTo(1);
        assertThat(fixture.store.find(halfLoggedIn.id())).isEmpty();
    }

    @Test
    void aUserWhoseDocWasWrittenAfterTheIndexWasRead_isKept() {
        staleIndex = Map.of(); // the index was read before this login wrote its doc
        Session session = fixture.open(ALICE, Duration.ofHours(1));
        assertThat(sweep.sweep()).isZero();
        assertThat(fixture.directory.liveNames()).containsExactly(session.credentials().name());
    }

    @Test
    void usersOfOtherInstances_goOnlyWhenTheirInstanceHasNoLiveLease_andDurableDeploymentsAreKept() {
        InstanceId lapsedMemoryInstance = InstanceId.random();
        InstanceId otherDeployment = InstanceId.random();
        InstanceId liveMemoryInstance = InstanceId.random();
        leases.markDurable(otherDeployment, "couchgate_sessions");
        leases.renew(liveMemoryInstance, fixture.clock.now().plusSeconds(30));
        String lapsed = userOf(lapsedMemoryInstance);
        String durable = userOf(otherDeployment);
        String live = userOf(liveMemoryInstance);

        assertThat(sweep.sweep()).isEqualTo(1);

        assertThat(fixture.directory.deletedNames()).containsExactly(lapsed);
        assertThat(fixture.directory.liveNames()).containsExactlyInAnyOrder(durable, live);
    }

    @Test
    void lapsedLeasesOfMemoryInstances_goAfterAnHour_theDurableMarkStays() {
        InstanceId longGone = InstanceId.random();
        leases.renew(longGone, fixture.clock.now().minus(Duration.ofHours(2)));
        leases.markDurable(INSTANCE, "couchgate_sessions");

        sweep.sweep();

        assertThat(leases.leases()).containsOnlyKeys(INSTANCE);
    }

    @Test
    void aSweepOfNothing_deletesNothing() {
        fixture.directory.addExisting("someone-else");
        assertThat(sweep.sweep()).isZero();
        assertThat(fixture.directory.liveNames()).containsExactly("someone-else");
    }

    private Session storedOnly(io.couchgate.domain.Username username) {
        Session session = ContractSessions.session(INSTANCE, username, fixture.clock.now(),
                fixture.clock.now().plus(Duration.ofHours(1)));
        fixture.store.put(session);
        return session;
    }

    private String userOf(InstanceId instance) {
        String name = ContractSessions.session(instance, BOB).credentials().name();
        fixture.directory.addExisting(name);
        return name;
    }
}
