package io.couchgate.application.provisioning;

import static io.couchgate.domain.port.testing.FakeServerProvisioner.Step.CREATE_ADMIN;
import static io.couchgate.domain.port.testing.FakeServerProvisioner.Step.IS_ADMIN;
import static io.couchgate.domain.port.testing.FakeServerProvisioner.Step.IS_ADMIN_PARTY;
import static io.couchgate.domain.port.testing.FakeServerProvisioner.Step.PROVISION;
import static io.couchgate.domain.port.testing.FakeServerProvisioner.Step.REMOVE_OTHER_ADMINS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.application.port.in.ProvisioningException;
import io.couchgate.domain.AppDatabase;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.DatabasePolicy;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Secrets;
import io.couchgate.domain.port.SecretsStore;
import io.couchgate.domain.port.testing.CountingRandomSource;
import io.couchgate.domain.port.testing.FakeServerProvisioner;
import io.couchgate.domain.port.testing.InMemorySecretsStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProvisionServerServiceTest {

    static final CouchCredentials ROOT = new CouchCredentials("root", "root-password-from-the-operator");
    static final String ADVICE = "set COUCHGATE_COUCHDB_BOOTSTRAP_ADMIN_USER and "
            + "COUCHGATE_COUCHDB_BOOTSTRAP_ADMIN_PASSWORD once so couchgate can create its own admin";
    static final List<Duration> ALL_PAUSES = List.of(Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2));

    final InMemorySecretsStore secrets = new InMemorySecretsStore();
    final FakeServerProvisioner couch = new FakeServerProvisioner();
    final List<Duration> pauses = new ArrayList<>();

    @Test
    void firstStartInAdminParty_savesPending_createsAndVerifiesTheAdmin_savesActive_andProvisions() {
        Secrets active = service(Optional.empty()).provision();

        assertThat(active.state()).isEqualTo(Secrets.State.ACTIVE);
        assertThat(active.admin().name()).matches("couchgate-admin-[a-z0-9]{8}");
        assertThat(active.admin().password()).matches("[A-Za-z0-9_-]{43}");
        assertThat(active.jwtSecret()).hasSize(32);
        assertThat(secrets.saves()).extracting(Secrets::state)
                .containsExactly(Secrets.State.PENDING, Secrets.State.ACTIVE);
        assertThat(secrets.saves().get(0).activate()).isEqualTo(active);
        assertThat(couch.adminNames()).containsExactly(active.admin().name());
        assertThat(couch.calls(CREATE_ADMIN)).isEqualTo(1);
        assertThat(couch.calls(IS_ADMIN)).isEqualTo(1);
        assertThat(pauses).containsExactly(Duration.ofMillis(250));
        assertThat(couch.databases()).containsExactly("_users", "_replicator", "app_users", "posts");
    }

    @Test
    void firstStartWithAdmins_createsTheAdminWithTheBootstrapAdmin() {
        couch.withAdmin(ROOT);

        Secrets active = service(Optional.of(ROOT)).provision();

        assertThat(couch.adminNames()).containsExactly("root", active.admin().name());
        assertThat(active.state()).isEqualTo(Secrets.State.ACTIVE);
        assertThat(couch.calls(PROVISION)).isEqualTo(1);
    }

    @Test
    void firstStartWithAdmins_afterLostSecrets_removesTheEarlierCouchgateAdmins_onceAsked_andNoOtherAdmin() {
        CouchCredentials lost = new CouchCredentials("couchgate-admin-lost0001", "password-of-lost-secrets-1");
        CouchCredentials older = new CouchCredentials("couchgate-admin-lost0002", "password-of-lost-secrets-2");
        CouchCredentials otherApp = new CouchCredentials("couchgate-adminx", "another-apps-admin-password");
        couch.withAdmin(ROOT).withAdmin(lost).withAdmin(otherApp).withAdmin(older);
        ProvisionServerService service = service(Optional.of(ROOT));

        Secrets active = service.provision();
        assertThat(couch.adminNames()).as("before the server is bound").hasSize(5);
        List<String> removed = service.removeEarlierAdmins();

        assertThat(removed).containsExactly(lost.name(), older.name());
        assertThat(couch.adminNames()).containsExactly("root", "couchgate-adminx", active.admin().name());
        assertThat(service.removeEarlierAdmins()).isEmpty();
        assertThat(couch.calls(REMOVE_OTHER_ADMINS)).isEqualTo(1);
    }

    @Test
    void newAdminMadeWithACouchgateAdminAsBootstrapAdmin_keepsThatAdmin() {
        CouchCredentials otherDeployment = new CouchCredentials("couchgate-admin-other001", "other-deployments-pass");
        couch.withAdmin(otherDeployment);
        ProvisionServerService service = service(Optional.of(otherDeployment));

        Secrets active = service.provision();

        assertThat(service.removeEarlierAdmins()).isEmpty();
        assertThat(couch.adminNames()).containsExactly(otherDeployment.name(), active.admin().name());
    }

    @Test
    void laterStartWithValidSecrets_removesNoAdmin() {
        Secrets first = service(Optional.empty()).provision();
        CouchCredentials another = new CouchCredentials("couchgate-admin-another1", "another-deployments-pass");
        couch.withAdmin(another);
        ProvisionServerService later = service(Optional.empty());

        later.provision();

        assertThat(later.removeEarlierAdmins()).isEmpty();
        assertThat(couch.adminNames()).containsExactly(first.admin().name(), another.name());
        assertThat(couch.calls(REMOVE_OTHER_ADMINS)).isZero();
    }

    @Test
    void firstStartWithAdmins_andNoBootstrapAdmin_stopsWithTheAdvice_leavingSecretsPending() {
        couch.withAdmin(ROOT);

        assertThatThrownBy(() -> service(Optional.empty()).provision())
                .isInstanceOf(ProvisioningException.class)
                .hasMessage("CouchDB has admins already but /data/couchgate/secrets.json does not exist (a first "
                        + "start, or the secrets were lost): if couchgate ran on this CouchDB before, restore that "
                        + "file from your backup; else " + ADVICE + " (with scripts/run's dev CouchDB, scripts/run "
                        + "--reset-dev wipes it and the secrets together)");
        assertThat(couch.calls(CREATE_ADMIN)).isZero();
        assertThat(couch.calls(IS_ADMIN)).isZero();
        assertThat(secrets.load().orElseThrow().state()).isEqualTo(Secrets.State.PENDING);
    }

    @Test
    void firstStartWithAWrongBootstrapAdmin_stopsWithTheSameAdvice() {
        couch.withAdmin(ROOT);
        CouchCredentials wrong = new CouchCredentials("root", "not-the-password");

        assertThatThrownBy(() -> service(Optional.of(wrong)).provision())
                .isInstanceOf(ProvisioningException.class)
                .hasMessageStartingWith("CouchDB refused to create couchgate's admin with the bootstrap admin root "
                        + "(PUT /_config/admins/couchgate-admin-")
                .hasMessageEndingWith(" answered 401): " + ADVICE)
                .hasMessageNotContaining("not-the-password");
        assertThat(couch.adminNames()).containsExactly("root");
    }

    @Test
    void crashAfterSavingPending_isRepairedByTheNextStart_whichCreatesTheAdmin() {
        couch.failOnce(IS_ADMIN_PARTY, new CouchDbException("GET /_session: connection refused"));
        assertThatThrownBy(() -> service(Optional.empty()).provision()).isInstanceOf(CouchDbException.class);
        Secrets pending = secrets.load().orElseThrow();
        assertThat(pending.state()).isEqualTo(Secrets.State.PENDING);
        assertThat(couch.adminNames()).isEmpty();

        Secrets active = service(Optional.empty()).provision();

        assertThat(active).isEqualTo(pending.activate());
        assertThat(couch.adminNames()).containsExactly(pending.admin().name());
        assertThat(couch.failedIsAdminChecks()).isEqualTo(1);
        assertThat(pauses).containsExactly(Duration.ofMillis(250));
    }

    @Test
    void pendingAdminWhoseNameExistsWithAnotherPassword_isNotOverwritten_andTheStartStops() {
        couch.failOnce(IS_ADMIN_PARTY, new CouchDbException("GET /_session: connection refused"));
        assertThatThrownBy(() -> service(Optional.empty()).provision()).isInstanceOf(CouchDbException.class);
        Secrets pending = secrets.load().orElseThrow();
        CouchCredentials theirs = new CouchCredentials(pending.admin().name(), "the-password-other-instances-use");
        couch.withAdmin(ROOT).withAdmin(theirs);

        assertThatThrownBy(() -> service(Optional.of(ROOT)).provision())
                .isInstanceOf(ProvisioningException.class)
                .hasMessageStartingWith("CouchDB has an admin named " + pending.admin().name()
                        + " that refuses the password from ")
                .hasMessageNotContaining(pending.admin().password());
        assertThat(couch.isAdmin(theirs)).as("the other instances' admin still works").isTrue();
        assertThat(secrets.load()).contains(pending);
    }

    @Test
    void crashAfterCreatingTheAdmin_isRepairedWithoutASecondCreate() {
        secrets.failSaveCall(2, new IllegalStateException("disk full"));
        assertThatThrownBy(() -> service(Optional.empty()).provision()).hasMessage("disk full");
        Secrets pending = secrets.load().orElseThrow();
        assertThat(pending.state()).isEqualTo(Secrets.State.PENDING);

        Secrets active = service(Optional.empty()).provision();

        assertThat(active).isEqualTo(pending.activate());
        assertThat(secrets.load()).contains(active);
        assertThat(couch.calls(CREATE_ADMIN)).isEqualTo(1);
        assertThat(couch.calls(IS_ADMIN)).isEqualTo(2);
        assertThat(couch.failedIsAdminChecks()).isZero();
    }

    @Test
    void everyLaterStart_checksTheAdminOnce_andCreatesNothing() {
        Secrets first = service(Optional.empty()).provision();
        pauses.clear();

        Secrets again = service(Optional.empty()).provision();

        assertThat(again).isEqualTo(first);
        assertThat(couch.calls(CREATE_ADMIN)).isEqualTo(1);
        assertThat(couch.calls(IS_ADMIN)).isEqualTo(2);
        assertThat(couch.calls(PROVISION)).isEqualTo(2);
        assertThat(secrets.saves()).hasSize(2);
        assertThat(pauses).isEmpty();
    }

    @Test
    void firstStart_makesARandom256BitSessionKey_andADeploymentId_keptWithTheOtherSecrets() {
        Secrets active = service(Optional.empty()).provision();

        assertThat(active.sessionKey()).hasSize(32).isNotEqualTo(active.jwtSecret());
        assertThat(active.deploymentId()).isNotNull();
        assertThat(secrets.saves()).extracting(Secrets::deploymentId).containsOnly(active.deploymentId());
        assertThat(secrets.load()).contains(active);
    }

    @Test
    void firstStart_goesOnWithWhatTheStoreGivesBack_soConfiguredSecretsWinFromTheStart() {
        byte[] configuredKey = new byte[32];
        Arrays.fill(configuredKey, (byte) 7);
        InstanceId configuredId = InstanceId.parse("6a1f0c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b");
        SecretsStore overriding = new SecretsStore() {
            @Override
            public Optional<Secrets> load() {
                return secrets.load().map(s -> new Secrets(s.jwtSecret(), configuredKey, configuredId, s.admin(),
                        s.state()));
            }

            @Override
            public void save(Secrets saved) {
                secrets.save(saved);
            }
        };

        Secrets active = new ProvisionServerService(overriding, couch, new CountingRandomSource(), Optional.empty(),
                List.of(), pauses::add).provision();

        assertThat(active.sessionKey()).isEqualTo(configuredKey);
        assertThat(active.deploymentId()).isEqualTo(configuredId);
        assertThat(active.state()).isEqualTo(Secrets.State.ACTIVE);
    }

    ProvisionServerService service(Optional<CouchCredentials> bootstrapAdmin) {
        return new ProvisionServerService(secrets, couch, new CountingRandomSource(), bootstrapAdmin,
                List.of(new AppDatabase("posts", DatabasePolicy.OWNER_WRITE)), pauses::add);
    }
}
