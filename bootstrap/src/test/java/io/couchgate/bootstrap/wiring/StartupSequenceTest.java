package io.couchgate.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.application.port.in.InstanceLeaseUseCase;
import io.couchgate.application.port.in.ProvisionServerUseCase;
import io.couchgate.application.port.in.ProvisioningException;
import io.couchgate.application.port.in.SweepOrphanSessionUsersUseCase;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Secrets;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The start-up steps run in one order: provision, (bind,) lease, purge, then the lost secrets' admins go. */
class StartupSequenceTest {

    private static final URI COUCHDB = URI.create("http://127.0.0.1:5984");
    private static final Secrets SECRETS = new Secrets(filled(32), filled(32), InstanceId.random(),
            new CouchCredentials("couchgate-admin-abcd1234", "pw"), Secrets.State.ACTIVE);

    private final List<String> events = new ArrayList<>();
    private RuntimeException provisionFailure;
    private RuntimeException sweepFailure;

    private final ProvisionServerUseCase provisioning = new ProvisionServerUseCase() {
        @Override
        public Secrets provision() {
            events.add("provision");
            if (provisionFailure != null) {
                throw provisionFailure;
            }
            return SECRETS;
        }

        @Override
        public List<String> removeEarlierAdmins() {
            events.add("remove earlier admins");
            return List.of();
        }
    };

    private final InstanceLeaseUseCase lease = new InstanceLeaseUseCase() {
        @Override
        public void renew() {
            events.add("lease");
        }

        @Override
        public boolean isCurrent() {
            return true;
        }

        @Override
        public long stop() {
            events.add("stop");
            return 0;
        }
    };

    private final SweepOrphanSessionUsersUseCase sweep = () -> {
        events.add("purge");
        if (sweepFailure != null) {
            throw sweepFailure;
        }
        return 2;
    };

    private final StartupSequence sequence = new StartupSequence(provisioning, () -> lease, () -> sweep, false,
            Duration.ofSeconds(10));

    private static byte[] filled(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 7);
        return bytes;
    }

    @Test
    void aStart_provisions_thenOnceBound_leases_purges_andRemovesTheLostSecretsAdmins() {
        assertThat(sequence.provision(COUCHDB)).isSameAs(SECRETS);
        assertThat(events).containsExactly("provision");

        sequence.bound();

        assertThat(events).containsExactly("provision", "lease", "purge", "remove earlier admins");
    }

    @Test
    void boundBeforeProvisioned_isRefused_andTouchesNothing() {
        assertThatThrownBy(sequence::bound).isInstanceOf(IllegalStateException.class)
                .hasMessage("the server was bound before CouchDB was provisioned");
        assertThat(events).isEmpty();
    }

    @Test
    void aFailedProvisioning_stopsTheStart_withOneLine_andNoLaterStepRuns() {
        provisionFailure = new CouchDbException("connection refused");

        assertThatThrownBy(() -> sequence.provision(COUCHDB)).isInstanceOf(ProvisioningException.class)
                .hasMessage("CouchDB at http://127.0.0.1:5984 failed: connection refused (check that CouchDB runs "
                        + "there and that couchgate.couchdb.url / COUCHGATE_COUCHDB_URL points at it)");
        assertThatThrownBy(sequence::bound).isInstanceOf(IllegalStateException.class);
        assertThat(events).containsExactly("provision");
    }

    @Test
    void aFailedPurge_isRetriedLater_andTheAdminsAreStillRemoved() {
        sweepFailure = new CouchDbException("timeout");
        sequence.provision(COUCHDB);

        sequence.bound();

        assertThat(events).containsExactly("provision", "lease", "purge", "remove earlier admins");
    }

    @Test
    void eachLaterTick_leasesThenPurges() {
        sequence.provision(COUCHDB);
        sequence.bound();
        events.clear();

        sequence.renewAndSweep();

        assertThat(events).containsExactly("lease", "purge");
    }
}
