package io.couchgate.adapters.couchdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.domain.AppDatabase;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.DatabasePolicy;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Provisioning against a real server: databases, {@code _security} and versioned design docs, idempotent. */
@ExtendWith(CouchDbExtension.class)
class CouchDbServerProvisionerTest {

    private final CouchDbConnection couch;
    private final CouchDbServerProvisioner provisioner;
    private final RawCouch raw;
    private final CouchCredentials admin;
    private final AppDatabase posts;
    private final AppDatabase notes;

    CouchDbServerProvisionerTest(CouchDbServer server) {
        couch = CouchDbConnection.open(server.couchDbSettings());
        provisioner = new CouchDbServerProvisioner(couch);
        raw = new RawCouch(server.url());
        admin = RawCouch.adminOf(server);
        posts = new AppDatabase(server.uniqueName("posts"), DatabasePolicy.OWNER_WRITE);
        notes = new AppDatabase(server.uniqueName("notes"), DatabasePolicy.OWNER_WRITE);
        provisioner.provision(admin, List.of()); // system databases, shared by every test class
    }

    @AfterEach
    void close() {
        couch.close();
    }

    @Test
    void firstProvisioning_writesDatabaseSecurityAndDesignDocPerAppDatabase_secondWritesNothing() {
        assertThat(provisioner.provision(admin, List.of(posts, notes))).isEqualTo(6);
        assertThat(provisioner.provision(admin, List.of(posts, notes))).isZero();
    }

    @Test
    void appDatabase_admitsEndUsersAsMembers_andCouchgatesAdminAsAdmin() {
        provisioner.provision(admin, List.of(posts));
        JsonNode security = raw.send("GET", "/" + posts.name() + "/_security", null, admin).json();
        assertThat(security.get("members").get("roles")).containsExactly(RawCouch.JSON.valueToTree("end_user"));
        assertThat(security.get("members").get("names")).isEmpty();
        assertThat(security.get("admins").get("names")).containsExactly(RawCouch.JSON.valueToTree(admin.name()));
    }

    @Test
    void appUsers_hasOnlyCouchgatesAdmin_asMemberAndAdmin() {
        JsonNode security = raw.send("GET", "/app_users/_security", null, admin).json();
        assertThat(security.get("members").get("names")).containsExactly(RawCouch.JSON.valueToTree(admin.name()));
        assertThat(security.get("admins").get("names")).containsExactly(RawCouch.JSON.valueToTree(admin.name()));
        assertThat(security.get("members").get("roles")).isEmpty();
    }

    @Test
    void instancesDatabase_hasOnlyCouchgatesAdmin_asMemberAndAdmin_andRefusesAnonymousReadsWith401() throws Exception {
        JsonNode security = raw.send("GET", "/couchgate_instances/_security", null, admin).json();
        assertThat(security.get("members").get("names")).containsExactly(RawCouch.JSON.valueToTree(admin.name()));
        assertThat(security.get("admins").get("names")).containsExactly(RawCouch.JSON.valueToTree(admin.name()));
        assertThat(security.get("members").get("roles")).isEmpty();
        // An anonymous non-member: CouchDB 3 answers 401 unauthorized (couch_db.erl, throw_security_error with no
        // user name; an authenticated non-member would get 403 forbidden). The dev server answers the same here.
        RawCouch.Answer anonymous = raw.send("GET", "/couchgate_instances/_all_docs", null, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json()).isEqualTo(RawCouch.JSON.readTree(
                "{\"error\":\"unauthorized\",\"reason\":\"You are not authorized to access this db.\"}"));
    }

    @Test
    void designDoc_holdsTheOwnerWriteValidator_andItsVersion() {
        provisioner.provision(admin, List.of(posts));
        JsonNode design = raw.send("GET", "/" + posts.name() + "/_design/couchgate", null, admin).json();
        assertThat(design.get("couchgate_version").asInt()).isEqualTo(Validators.VERSION);
        assertThat(design.get("validate_doc_update").asText())
                .isEqualTo(Validators.source(DatabasePolicy.OWNER_WRITE))
                .startsWith("function (newDoc, oldDoc, userCtx, secObj) {");
    }

    @Test
    void designDocOfALowerVersion_isReplaced_andOfTheSameVersion_isLeftAsItIs() {
        String path = "/" + posts.name() + "/_design/couchgate";
        raw.send("PUT", "/" + posts.name(), null, admin);
        raw.send("PUT", path, "{\"couchgate_version\":0,\"validate_doc_update\":\"function(){}\"}", admin);
        assertThat(provisioner.provision(admin, List.of(posts))).isEqualTo(2); // _security and design doc
        assertThat(raw.send("GET", path, null, admin).json().get("couchgate_version").asInt())
                .isEqualTo(Validators.VERSION);

        String rev = raw.send("GET", path, null, admin).json().get("_rev").asText();
        raw.send("PUT", path, "{\"_rev\":\"" + rev + "\",\"couchgate_version\":" + Validators.VERSION
                + ",\"validate_doc_update\":\"function(){}\"}", admin);
        assertThat(provisioner.provision(admin, List.of(posts))).isZero();
        assertThat(raw.send("GET", path, null, admin).json().get("validate_doc_update").asText())
                .isEqualTo("function(){}");
    }

    @Test
    void designDocOfVersion1_asAnOlderCouchgateWroteIt_isReplacedByTheCurrentValidator() {
        String path = "/" + posts.name() + "/_design/couchgate";
        raw.send("PUT", "/" + posts.name(), null, admin);
        assertThat(raw.send("PUT", path, OldValidators.version1DesignDoc(), admin).status()).isEqualTo(201);

        assertThat(provisioner.provision(admin, List.of(posts))).isEqualTo(2); // _security and design doc

        JsonNode design = raw.send("GET", path, null, admin).json();
        assertThat(Validators.VERSION).isEqualTo(2);
        assertThat(design.get("couchgate_version").asInt()).isEqualTo(2);
        assertThat(design.get("_rev").asText()).startsWith("2-");
        assertThat(design.get("validate_doc_update").asText())
                .isEqualTo(Validators.source(DatabasePolicy.OWNER_WRITE))
                .isNotEqualTo(OldValidators.version1Source())
                .contains("'_id must start with ' + prefix + ' followed by a name'");
    }

    @Test
    void changedSecurity_isWrittenBack() {
        provisioner.provision(admin, List.of(posts));
        raw.send("PUT", "/" + posts.name() + "/_security", "{\"admins\":{},\"members\":{}}", admin);
        assertThat(provisioner.provision(admin, List.of(posts))).isEqualTo(1);
        assertThat(raw.send("GET", "/" + posts.name() + "/_security", null, admin).json().get("members").get("roles"))
                .containsExactly(RawCouch.JSON.valueToTree("end_user"));
    }

    @Test
    void isAdmin_isTrueForTheAdmin_andFalseForAWrongPassword() {
        assertThat(provisioner.isAdmin(admin)).isTrue();
        assertThat(provisioner.isAdmin(new CouchCredentials(admin.name(), admin.password() + "x"))).isFalse();
    }

    @Test
    void serverWithAnAdmin_isNotInAdminParty() {
        assertThat(provisioner.isAdminParty()).isFalse();
    }
}
