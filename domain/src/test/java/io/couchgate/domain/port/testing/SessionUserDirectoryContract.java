package io.couchgate.domain.port.testing;

import static io.couchgate.domain.port.testing.ContractSessions.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.SessionUserDirectory;
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
}
