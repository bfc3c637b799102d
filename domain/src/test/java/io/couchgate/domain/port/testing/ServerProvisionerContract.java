package io.couchgate.domain.port.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.domain.AppDatabase;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.DatabasePolicy;
import io.couchgate.domain.port.ServerProvisioner;
import io.couchgate.domain.port.ServerProvisioner.AdminExistsException;
import io.couchgate.domain.port.ServerProvisioner.AdminRejectedException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ServerProvisioner} must do (the port's Javadoc) on a server that has an admin already (no admin
 * party): only that admin may create admins, an existing admin is never overwritten, the stale couchgate admins go
 * and no other admin does, provisioning is idempotent and for admins only. Names are random, so a server shared with
 * other tests does not disturb the assertions; CouchDB 3.4 hashes a new admin's password asynchronously, so a new
 * admin's first login is polled (at most 4 logins: CouchDB locks a name out after 5 failures).
 */
public abstract class ServerProvisionerContract {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<String> created = new ArrayList<>();
    private ServerProvisioner provisioner;
    private CouchCredentials admin;

    /** @return the provisioner under test, over a server whose only admin that matters is {@link #existingAdmin()} */
    protected abstract ServerProvisioner newProvisioner();

    /** @return an admin the server has (the harness's, or the fake's first) */
    protected abstract CouchCredentials existingAdmin();

    /**
     * Removes an admin this test created, if it is still there (a shared server stays clean).
     *
     * @param name the admin's name
     */
    protected abstract void removeAdmin(String name);

    @BeforeEach
    void open() {
        provisioner = newProvisioner();
        admin = existingAdmin();
    }

    @AfterEach
    void removeCreatedAdmins() {
        created.forEach(this::removeAdmin);
    }

    @Test
    void serverWithAnAdmin_isNoAdminParty_andKnowsItsAdminByPasswordAlone() {
        assertThat(provisioner.isAdminParty()).isFalse();
        assertThat(provisioner.isAdmin(admin)).isTrue();
        assertThat(provisioner.isAdmin(new CouchCredentials(admin.name(), admin.password() + "x"))).isFalse();
        assertThat(provisioner.isAdmin(credentials("couchgate-admin-"))).isFalse();
    }

    @Test
    void createAdmin_byAnAdmin_makesOneThatLogsIn() {
        CouchCredentials made = create("couchgate-admin-");

        awaitAdmin(made);
        assertThat(provisioner.isAdmin(new CouchCredentials(made.name(), "not-" + made.password()))).isFalse();
    }

    @Test
    void createAdmin_withoutOrWithWrongActingAdmin_isRejected_andMakesNoAdmin() {
        CouchCredentials refused = credentials("couchgate-admin-");
        created.add(refused.name());
        CouchCredentials wrong = new CouchCredentials(admin.name(), admin.password() + "x");

        assertThatThrownBy(() -> provisioner.createAdmin(refused, Optional.empty()))
                .isInstanceOf(AdminRejectedException.class).message().doesNotContain(admin.password());
        assertThatThrownBy(() -> provisioner.createAdmin(refused, Optional.of(wrong)))
                .isInstanceOf(AdminRejectedException.class).message().doesNotContain(wrong.password());
        assertThat(provisioner.isAdmin(refused)).isFalse();
    }

    @Test
    void createAdmin_ofAnExistingName_isRefused_andItsPasswordStays() {
        CouchCredentials first = create("couchgate-admin-");
        awaitAdmin(first);
        CouchCredentials sameName = new CouchCredentials(first.name(), "another-" + first.password());

        assertThatThrownBy(() -> provisioner.createAdmin(sameName, Optional.of(admin)))
                .isInstanceOf(AdminExistsException.class).hasMessageContaining(first.name())
                .message().doesNotContain(sameName.password());
        assertThat(provisioner.isAdmin(first)).isTrue();
        assertThat(provisioner.isAdmin(sameName)).isFalse();
    }

    @Test
    void removeOtherCouchgateAdmins_removesStaleCouchgateAdminsOnly_andAgainNothing() {
        CouchCredentials current = create("couchgate-admin-");
        CouchCredentials stale = create("couchgate-admin-");
        CouchCredentials kept = create("couchgate-admin-");
        CouchCredentials lookalike = create("couchgate-adminx");
        CouchCredentials otherApp = create("other-app-");
        awaitAdmin(current);

        List<String> removed = provisioner.removeOtherCouchgateAdmins(current, Set.of(kept.name()));

        assertThat(removed).contains(stale.name()).doesNotHaveDuplicates()
                .allMatch(name -> name.startsWith(ServerProvisioner.ADMIN_NAME_PREFIX))
                .doesNotContain(current.name(), kept.name(), lookalike.name(), otherApp.name(), admin.name());
        assertThat(provisioner.isAdmin(stale)).isFalse();
        for (CouchCredentials stays : List.of(current, kept, lookalike, otherApp, admin)) {
            awaitAdmin(stays);
        }
        assertThat(provisioner.removeOtherCouchgateAdmins(current, Set.of(kept.name()))).isEmpty();
    }

    @Test
    void removeOtherCouchgateAdmins_asANonAdmin_isRejected_andRemovesNothing() {
        CouchCredentials stale = create("couchgate-admin-");
        CouchCredentials nobody = credentials("couchgate-admin-");

        assertThatThrownBy(() -> provisioner.removeOtherCouchgateAdmins(nobody, Set.of()))
                .isInstanceOf(AdminRejectedException.class);
        awaitAdmin(stale);
    }

    @Test
    void provision_writesWhatIsMissing_thenNothing() {
        List<AppDatabase> databases = List.of(new AppDatabase(databaseName(), DatabasePolicy.OWNER_WRITE),
                new AppDatabase(databaseName(), DatabasePolicy.OWNER_WRITE));

        assertThat(provisioner.provision(admin, databases)).isPositive();
        assertThat(provisioner.provision(admin, databases)).isZero();
        assertThat(provisioner.provision(admin, databases.subList(0, 1))).isZero();
    }

    @Test
    void provision_asANonAdmin_fails() {
        List<AppDatabase> databases = List.of(new AppDatabase(databaseName(), DatabasePolicy.OWNER_WRITE));
        CouchCredentials nobody = credentials("couchgate-admin-");

        assertThatThrownBy(() -> provisioner.provision(nobody, databases)).isInstanceOf(CouchDbException.class);
        assertThat(provisioner.provision(admin, databases)).isPositive();
    }

    private CouchCredentials create(String prefix) {
        CouchCredentials made = credentials(prefix);
        created.add(made.name());
        provisioner.createAdmin(made, Optional.of(admin));
        return made;
    }

    private static CouchCredentials credentials(String prefix) {
        String suffix = HexFormat.of().formatHex(randomBytes(4));
        return new CouchCredentials(prefix + suffix, "pass-" + suffix + "-Word-" + HexFormat.of()
                .formatHex(randomBytes(6)));
    }

    private static String databaseName() {
        return "contract_" + HexFormat.of().formatHex(randomBytes(6));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Polls a new admin's login (CouchDB 3.4 hashes its password asynchronously): at most 4 logins. */
    private void awaitAdmin(CouchCredentials made) {
        for (int attempt = 0; attempt < 4; attempt++) {
            if (provisioner.isAdmin(made)) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(250L << attempt).toNanos());
        }
        throw new AssertionError(made.name() + " could not log in as admin");
    }
}
