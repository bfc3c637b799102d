package io.couchgate.application.session;

import static io.couchgate.application.session.SessionFixture.INSTANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.port.testing.InMemoryInstanceLeases;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DurableDeploymentServiceTest {

    private final InMemoryInstanceLeases leases = new InMemoryInstanceLeases();
    private final DurableDeploymentService deployment = new DurableDeploymentService(leases, INSTANCE, "couchgate_sessions");

    @Test
    void renew_marksTheDeploymentDurable_soItIsLiveAtAnyTime() {
        assertThat(deployment.isCurrent()).isFalse();
        deployment.renew();
        assertThat(deployment.isCurrent()).isTrue();
        assertThat(leases.liveAt(Instant.parse("2999-01-01T00:00:00Z"))).containsExactly(INSTANCE);
    }

    @Test
    void aFailedMark_isRetriedByTheNextRenewal() {
        leases.failAll(true);
        assertThatThrownBy(deployment::renew).isInstanceOf(CouchDbException.class);
        assertThat(deployment.isCurrent()).isFalse();
        leases.failAll(false);
        deployment.renew();
        assertThat(deployment.isCurrent()).isTrue();
    }

    @Test
    void stop_deletesNothing_andKeepsTheMark() {
        deployment.renew();
        assertThat(deployment.stop()).isZero();
        assertThat(leases.liveAt(Instant.now())).containsExactly(INSTANCE);
    }
}
