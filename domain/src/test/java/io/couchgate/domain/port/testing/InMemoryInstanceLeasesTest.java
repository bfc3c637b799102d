package io.couchgate.domain.port.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.port.InstanceLeases;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryInstanceLeasesTest extends InstanceLeasesContract {

    @Override
    protected InstanceLeases newLeases() {
        return new InMemoryInstanceLeases();
    }

    @Test
    void failAll_makesEveryCallThrow_untilHealed() {
        InMemoryInstanceLeases leases = new InMemoryInstanceLeases();
        InstanceId a = InstanceId.random();
        leases.failAll(true);
        assertThatThrownBy(() -> leases.renew(a, Instant.now())).isInstanceOf(CouchDbException.class)
                .hasMessage("renew of a lease failed (injected)");
        assertThatThrownBy(() -> leases.liveAt(Instant.now())).isInstanceOf(CouchDbException.class);
        leases.failAll(false);
        leases.renew(a, Instant.now().plusSeconds(5));
        assertThat(leases.leases()).containsOnlyKeys(a);
    }
}
