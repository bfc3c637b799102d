package io.couchgate.application.session;

import static io.couchgate.application.session.SessionFixture.ALICE;
import static io.couchgate.application.session.SessionFixture.INSTANCE;
import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PurgeStaleSessionUsersServiceTest {

    @Test
    void purge_deletesEarlierInstancesSessionUsers_only() {
        SessionFixture fixture = new SessionFixture();
        Session current = fixture.open(ALICE, Duration.ofHours(1));
        String stale1 = "users/" + InstanceId.random() + "/alice/AAAAAAAAAAAAAAAAAAAAAA";
        String stale2 = "users/" + InstanceId.random() + "/bob/BBBBBBBBBBBBBBBBBBBBBB";
        fixture.directory.addExisting(stale1);
        fixture.directory.addExisting(stale2);
        fixture.directory.addExisting("someone-else");

        long purged = new PurgeStaleSessionUsersService(fixture.directory, INSTANCE).purge();

        assertThat(purged).isEqualTo(2);
        assertThat(fixture.directory.deletedNames()).containsExactlyInAnyOrder(stale1, stale2);
        assertThat(fixture.directory.liveNames()).containsExactlyInAnyOrder(current.credentials().name(),
                "someone-else");
    }
}
