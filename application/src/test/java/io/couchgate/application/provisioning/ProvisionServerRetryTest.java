package io.couchgate.application.provisioning;

import static io.couchgate.application.provisioning.ProvisionServerServiceTest.ADVICE;
import static io.couchgate.application.provisioning.ProvisionServerServiceTest.ALL_PAUSES;
import static io.couchgate.domain.port.testing.FakeServerProvisioner.Step.CREATE_ADMIN;
import static io.couchgate.domain.port.testing.FakeServerProvisioner.Step.IS_ADMIN;
import static io.couchgate.domain.port.testing.FakeServerProvisioner.Step.PROVISION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.application.port.in.ProvisioningException;
import io.couchgate.domain.AppDatabase;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.DatabasePolicy;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Secrets;
import io.couchgate.domain.port.testing.CountingRandomSource;
import io.couchgate.domain.port.testing.FakeServerProvisioner;
import io.couchgate.domain.port.testing.InMemorySecretsStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The admin checks: bounded by CouchDB 3.4's lockout after 5 failed logins. */
class ProvisionServerRetryTest {

    private static final CouchCredentials ADMIN = new CouchCredentials("couchgate-admin-abc12345", "admin-pw-xyz");
    private static final byte[] KEY = filled(32);
    private static final byte[] SESSION_KEY = filled(32);
    private static final InstanceId DEPLOYMENT = InstanceId.random();

    private final FakeServerProvisioner couch = new FakeServerProvisioner();
    private final List<Duration> pauses = new ArrayList<>();

    @Test
    void aNewAdminThatCouchDbIsStillHashing_isAcceptedOnALaterCheck() {
        couch.rejectLoginsAfterCreate(2);
        InMemorySecretsStore secrets = new InMemorySecretsStore();

        Secrets active = service(secrets).provision();

        assertThat(active.state()).isEqualTo(Secrets.State.ACTIVE);
        assertThat(couch.failedIsAdminChecks()).isEqualTo(2);
        assertThat(pauses).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void firstStart_neverFailsMoreThanFourChecks() {
        couch.rejectLoginsAfterCreate(100);
        InMemorySecretsStore secrets = new InMemorySecretsStore();

        assertThatThrownBy(() -> service(secrets).provision())
                .isInstanceOf(ProvisioningException.class)
                .hasMessageStartingWith("CouchDB did not accept couchgate's new admin couchgate-admin-");
        assertThat(couch.calls(IS_ADMIN)).isEqualTo(4);
        assertThat(couch.failedIsAdminChecks()).isEqualTo(4);
        assertThat(pauses).isEqualTo(ALL_PAUSES);
        assertThat(secrets.load().orElseThrow().state()).isEqualTo(Secrets.State.PENDING);
        assertThat(couch.calls(PROVISION)).isZero();
    }

    @Test
    void repairOfAPendingFile_countsItsFirstCheck_andStillFailsAtMostFour() {
        couch.rejectLoginsAfterCreate(100);
        InMemorySecretsStore secrets = new InMemorySecretsStore(secrets(Secrets.State.PENDING));

        assertThatThrownBy(() -> service(secrets).provision())
                .isInstanceOf(ProvisioningException.class)
                .hasMessage("CouchDB did not accept couchgate's new admin couchgate-admin-abc12345 after 4 failed "
                        + "logins; /data/couchgate/secrets.json stays pending and the next start repairs it "
                        + "(wait 5 minutes: CouchDB locks a name out after 5)");
        assertThat(couch.calls(CREATE_ADMIN)).isEqualTo(1);
        assertThat(couch.failedIsAdminChecks()).isEqualTo(4);
        assertThat(pauses).isEqualTo(ALL_PAUSES.subList(0, 3));
    }

    @Test
    void activeSecretsWhoseAdminCouchDbRejects_stopAtOnce_withWhereTheyCameFrom() {
        couch.withAdmin(new CouchCredentials("root", "root-password"));
        InMemorySecretsStore secrets = new InMemorySecretsStore(secrets(Secrets.State.ACTIVE));

        assertThatThrownBy(() -> service(secrets).provision())
                .isInstanceOf(ProvisioningException.class)
                .hasMessage("CouchDB rejected couchgate's admin couchgate-admin-abc12345 from "
                        + "/data/couchgate/secrets.json: restore that admin on CouchDB, or remove "
                        + "/data/couchgate/secrets.json and " + ADVICE)
                .hasMessageNotContaining("admin-pw-xyz");
        assertThat(couch.calls(IS_ADMIN)).isEqualTo(1);
        assertThat(couch.calls(CREATE_ADMIN)).isZero();
        assertThat(couch.calls(PROVISION)).isZero();
        assertThat(pauses).isEmpty();
        assertThat(secrets.saves()).isEmpty();
    }

    /** The dev CouchDB's data folder wiped, the secrets kept: CouchDB is back in admin party. */
    @Test
    void activeSecretsOnACouchDbInAdminParty_sayItWasReset_andHowToStartAfresh() {
        InMemorySecretsStore secrets = new InMemorySecretsStore(secrets(Secrets.State.ACTIVE));

        assertThatThrownBy(() -> service(secrets).provision())
                .isInstanceOf(ProvisioningException.class)
                .hasMessage("CouchDB has no admin at all (admin party): it was reset or replaced since couchgate's "
                        + "admin couchgate-admin-abc12345 from /data/couchgate/secrets.json was made, and what "
                        + "couchgate kept there (accounts, sessions) is gone with it. To keep your data, point "
                        + "couchgate.couchdb.url at the CouchDB that holds it; to start afresh, remove "
                        + "/data/couchgate/secrets.json (with scripts/run's dev CouchDB, scripts/run --reset-dev "
                        + "wipes it and the secrets together)")
                .hasMessageNotContaining("admin-pw-xyz");
        assertThat(couch.calls(CREATE_ADMIN)).isZero();
        assertThat(couch.calls(PROVISION)).isZero();
        assertThat(secrets.saves()).isEmpty();
    }

    private ProvisionServerService service(InMemorySecretsStore secrets) {
        return new ProvisionServerService(secrets, couch, new CountingRandomSource(), Optional.empty(),
                List.of(new AppDatabase("posts", DatabasePolicy.OWNER_WRITE)), pauses::add);
    }

    private static Secrets secrets(Secrets.State state) {
        return new Secrets(KEY, SESSION_KEY, DEPLOYMENT, ADMIN, state);
    }

    private static byte[] filled(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 7);
        return bytes;
    }
}
