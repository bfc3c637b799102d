package io.couchgate.adapters.couchdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.domain.AppDatabase;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.DatabasePolicy;
import io.couchgate.domain.port.ServerProvisioner.AdminExistsException;
import io.couchgate.domain.port.ServerProvisioner.AdminRejectedException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** couchgate's first start on a server still in admin party (a fresh dev server of its own). */
class CouchDbAdminCreationTest {

    @Test
    void adminParty_createAdmin_endsAdminParty_andTheAdminCanProvision() {
        try (CouchDbServer fresh = CouchDbExtension.startFreshDevServer();
             CouchDbConnection couch = CouchDbConnection.open(TestCouchDbSettings.of(fresh.url()))) {
            CouchDbServerProvisioner provisioner = new CouchDbServerProvisioner(couch);
            CouchCredentials admin = new CouchCredentials("couchgate-admin-t1", "s3cret-Pass-word-1");
            assertThat(provisioner.isAdminParty()).isTrue();

            provisioner.createAdmin(admin, Optional.empty());

            assertThat(provisioner.isAdminParty()).isFalse();
            assertThat(provisioner.isAdmin(admin)).isTrue();
            RawCouch raw = new RawCouch(fresh.url());
            // The dev server makes _users and _replicator itself; CouchDB 3 leaves that to the operator.
            long missingSystemDatabases = Stream.of("/_users", "/_replicator", "/app_users", "/couchgate_instances")
                    .filter(db -> raw.send("GET", db, null, admin).status() == 404).count();
            List<AppDatabase> posts = List.of(new AppDatabase("posts", DatabasePolicy.OWNER_WRITE));

            // each missing system database, app_users' and couchgate_instances' _security, posts, its _security,
            // its design doc
            assertThat(provisioner.provision(admin, posts)).isEqualTo(missingSystemDatabases + 5);
            assertThat(provisioner.provision(admin, posts)).isZero();
            for (String db : List.of("/_users", "/_replicator", "/app_users", "/couchgate_instances", "/posts")) {
                assertThat(raw.send("GET", db, null, admin).status()).as(db).isEqualTo(200);
            }
        }
    }

    @Test
    void createAdmin_withoutActingAdmin_onceAdminsExist_isRejected_andWithTheAdmin_succeeds() {
        try (CouchDbServer fresh = CouchDbExtension.startFreshDevServer();
             CouchDbConnection couch = CouchDbConnection.open(TestCouchDbSettings.of(fresh.url()))) {
            CouchDbServerProvisioner provisioner = new CouchDbServerProvisioner(couch);
            CouchCredentials first = new CouchCredentials("couchgate-admin-t2", "first-Pass-word-2");
            CouchCredentials second = new CouchCredentials("couchgate-admin-t3", "second-Pass-word-3");
            provisioner.createAdmin(first, Optional.empty());

            assertThatThrownBy(() -> provisioner.createAdmin(second, Optional.empty()))
                    .isInstanceOf(AdminRejectedException.class)
                    .hasMessageEndingWith("answered 401");
            provisioner.createAdmin(second, Optional.of(first));
            assertThat(provisioner.isAdmin(second)).isTrue();
        }
    }

    @Test
    void createAdmin_ofANameThatExists_isRefused_andItsPasswordStays() {
        try (CouchDbServer fresh = CouchDbExtension.startFreshDevServer();
             CouchDbConnection couch = CouchDbConnection.open(TestCouchDbSettings.of(fresh.url()))) {
            CouchDbServerProvisioner provisioner = new CouchDbServerProvisioner(couch);
            CouchCredentials first = new CouchCredentials("couchgate-admin-t4", "first-Pass-word-4");
            CouchCredentials other = new CouchCredentials("couchgate-admin-t5", "other-Pass-word-5");
            provisioner.createAdmin(first, Optional.empty());
            provisioner.createAdmin(other, Optional.of(first));
            CouchCredentials wrongPassword = new CouchCredentials(first.name(), "a-wrong-Pass-word-6");

            assertThatThrownBy(() -> provisioner.createAdmin(wrongPassword, Optional.of(other)))
                    .isInstanceOf(AdminExistsException.class)
                    .hasMessage("CouchDB has an admin named couchgate-admin-t4 already");
            assertThat(provisioner.isAdmin(first)).isTrue();
            assertThat(provisioner.isAdmin(wrongPassword)).isFalse();
        }
    }
}
