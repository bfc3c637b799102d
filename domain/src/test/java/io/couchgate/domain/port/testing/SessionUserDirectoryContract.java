package io.couchgate.domain.port.testing;

import static io.couchgate.domain.port.testing.ContractSessions.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.SessionUserName;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.SessionUserDirectory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SessionUserDirectory} must do. Each test starts by purging every session user of every
 * instance ({@code deleteAllNotOf} a fresh instance id), so the directory must not be shared with concurrently
 * running tests; users outside the session-user prefix are left alone.
 */
public abstract class SessionUserDirectoryContract {

    private static final Username ALICE = Username.of("alice");
    private static final Username BOB = Username.of("bob");

    private SessionUserDirectory directory;

    /** @return the directory under test */
    protected abstract SessionUserDirectory newDirectory();

    @BeforeEach
    void startClean() {
        directory = newDirectory();
        directory.deleteAllNotOf(InstanceId.random());
    }

    @Test
    void deleteAllNotOf_deletesEveryOtherInstancesUsers_andKeepsTheCurrentOnes() {
        InstanceId earlier = InstanceId.random();
        InstanceId current = InstanceId.random();
        directory.create(session(earlier, ALICE));
        directory.create(session(earlier, BOB));
        directory.create(session(current, ALICE));

        assertThat(directory.deleteAllNotOf(current)).isEqualTo(2);
        assertThat(directory.deleteAllNotOf(current)).isZero();
        assertThat(directory.deleteAllNotOf(InstanceId.random())).isEqualTo(1);
    }

    @Test
    void deletedSessionUser_isGone() {
        InstanceId current = InstanceId.random();
        Session kept = session(current, ALICE);
        Session ended = session(current, ALICE);
        directory.create(kept);
        directory.create(ended);

        directory.delete(ended);

        assertThat(directory.deleteAllNotOf(InstanceId.random())).isEqualTo(1);
    }

    @Test
    void deletingTwice_isNotAnError() {
        Session session = session(InstanceId.random(), ALICE);
        directory.create(session);
        directory.delete(session);
        directory.delete(session);
        assertThat(directory.deleteAllNotOf(InstanceId.random())).isZero();
    }

    @Test
    void deletingAUserThatNeverExisted_isNotAnError() {
        directory.delete(session(InstanceId.random(), BOB));
        assertThat(directory.deleteAllNotOf(InstanceId.random())).isZero();
    }

    @Test
    void severalSessionsOfOneUser_coexist() {
        InstanceId current = InstanceId.random();
        for (int i = 0; i < 5; i++) {
            directory.create(session(current, ALICE));
        }
        assertThat(directory.deleteAllNotOf(InstanceId.random())).isEqualTo(5);
    }

    @Test
    void manySessionUsers_areAllPurged() {
        InstanceId earlier = InstanceId.random();
        for (int i = 0; i < 30; i++) {
            directory.create(session(earlier, i % 2 == 0 ? ALICE : BOB));
        }
        assertThat(directory.deleteAllNotOf(InstanceId.random())).isEqualTo(30);
    }

    @Test
    void deleteWhere_deletesOnlyTheUsersOfStaleInstances() {
        InstanceId dead = InstanceId.random();
        InstanceId live = InstanceId.random();
        InstanceId self = InstanceId.random();
        directory.create(session(dead, ALICE));
        directory.create(session(dead, BOB));
        directory.create(session(live, ALICE));
        directory.create(session(self, BOB));
        Set<InstanceId> spared = Set.of(live, self);

        assertThat(directory.deleteWhere(instance -> !spared.contains(instance))).isEqualTo(2);
        assertThat(directory.deleteWhere(instance -> !spared.contains(instance))).isZero();
        assertThat(directory.deleteWhere(live::equals)).isEqualTo(1);
        assertThat(directory.deleteWhere(instance -> true)).isEqualTo(1);
    }

    @Test
    void concurrentDeleteWhere_deletesEachUserOnce_withoutError() throws Exception {
        InstanceId dead = InstanceId.random();
        for (int i = 0; i < 40; i++) {
            directory.create(session(dead, i % 2 == 0 ? ALICE : BOB));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Long>> purges = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < 3; i++) {
                purges.add(pool.submit(() -> {
                    go.await();
                    return directory.deleteWhere(dead::equals);
                }));
            }
            go.countDown();
            long total = 0;
            for (Future<Long> purge : purges) {
                total += purge.get(60, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(40); // a user deleted by another purge first is not counted
        } finally {
            pool.shutdownNow();
        }
        assertThat(directory.deleteWhere(dead::equals)).isZero();
    }

    @Test
    void createdSessionUser_exists_untilDeleted() {
        Session session = session(InstanceId.random(), ALICE);
        directory.create(session);
        assertThat(directory.exists(session)).isTrue();

        directory.delete(session);

        assertThat(directory.exists(session)).isFalse();
    }

    @Test
    void sessionUserThatNeverExisted_doesNotExist_andAnotherSessionOfTheUserDoesNotCount() {
        InstanceId current = InstanceId.random();
        directory.create(session(current, ALICE));

        assertThat(directory.exists(session(current, ALICE))).isFalse();
    }

    @Test
    void deleteUsersWhere_showsTheParsedNames_andDeletesOnlyThoseItCallsStale() {
        InstanceId instance = InstanceId.random();
        Session kept = session(instance, ALICE);
        Session stale = session(instance, BOB);
        directory.create(kept);
        directory.create(stale);
        List<SessionUserName> seen = Collections.synchronizedList(new ArrayList<>());

        long deleted = directory.deleteUsersWhere(name -> {
            seen.add(name);
            return name.sessionKey().equals(stale.id().digest());
        });

        assertThat(deleted).isEqualTo(1);
        assertThat(seen).containsExactlyInAnyOrder(new SessionUserName(instance, "alice", kept.id().digest()),
                new SessionUserName(instance, "bob", stale.id().digest()));
        assertThat(directory.exists(kept)).isTrue();
        assertThat(directory.exists(stale)).isFalse();
    }

    @Test
    void deleteUsersWhere_neverOffersNorDeletesNamesThatDoNotParse() {
        Session base = session(InstanceId.random(), ALICE);
        Session noUuid = withName(base, Session.SESSION_USER_PREFIX + "not-a-uuid/alice/" + base.id().digest());
        Session twoSegments = withName(base, Session.SESSION_USER_PREFIX + InstanceId.random() + "/alice");
        directory.create(noUuid);
        directory.create(twoSegments);
        List<SessionUserName> seen = Collections.synchronizedList(new ArrayList<>());
        try {
            assertThat(directory.deleteUsersWhere(name -> seen.add(name))).isZero();

            assertThat(seen).isEmpty();
            assertThat(directory.exists(noUuid)).isTrue();
            assertThat(directory.exists(twoSegments)).isTrue();
        } finally {
            directory.delete(noUuid);
            directory.delete(twoSegments);
        }
    }

    private static Session withName(Session session, String name) {
        return new Session(session.id(), session.username(), session.instanceId(), session.issuedAt(),
                session.expiresAt(), new CouchCredentials(name, session.credentials().password()));
    }
}
