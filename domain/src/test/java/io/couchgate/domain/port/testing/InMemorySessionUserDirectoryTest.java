package io.couchgate.domain.port.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.SessionUserDirectory;
import org.junit.jupiter.api.Test;

class InMemorySessionUserDirectoryTest extends SessionUserDirectoryContract {

    @Override
    protected SessionUserDirectory newDirectory() {
        return new InMemorySessionUserDirectory();
    }

    @Test
    void deleteAllNotOf_leavesUsersOutsideTheSessionPrefixAlone() {
        InMemorySessionUserDirectory directory = new InMemorySessionUserDirectory();
        directory.addExisting("otherapp-user");
        directory.addExisting("users/" + InstanceId.random() + "/alice/AAAAAAAAAAAAAAAAAAAAAA");

        assertThat(directory.deleteAllNotOf(InstanceId.random())).isEqualTo(1);
        assertThat(directory.liveNames()).containsExactly("otherapp-user");
    }

    @Test
    void createAndDelete_areRecordedByName() {
        InMemorySessionUserDirectory directory = new InMemorySessionUserDirectory();
        Session session = ContractSessions.session(InstanceId.random(), Username.of("alice"));
        directory.create(session);
        directory.delete(session);
        assertThat(directory.createdNames()).containsExactly(session.credentials().name());
        assertThat(directory.deletedNames()).containsExactly(session.credentials().name());
        assertThat(directory.liveNames()).isEmpty();
    }
}
