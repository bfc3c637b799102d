package io.couchgate.adapters.couchdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.port.ServerProvisioner;
import io.couchgate.domain.port.testing.ServerProvisionerContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The CouchDB provisioner keeps the provisioner contract the fake {@code FakeServerProvisioner} keeps too, on the
 * harness CouchDB (its admin is the existing one). Admins the contract made are deleted again afterwards.
 */
@ExtendWith(CouchDbExtension.class)
class CouchDbServerProvisionerContractTest extends ServerProvisionerContract {

    private final CouchDbConnection couch;
    private final RawCouch raw;
    private final CouchCredentials harnessAdmin;

    CouchDbServerProvisionerContractTest(CouchDbServer server) {
        couch = CouchDbConnection.open(server.couchDbSettings());
        raw = new RawCouch(server.url());
        harnessAdmin = RawCouch.adminOf(server);
    }

    @AfterEach
    void close() {
        couch.close();
    }

    @Override
    protected ServerProvisioner newProvisioner() {
        return new CouchDbServerProvisioner(couch);
    }

    @Override
    protected CouchCredentials existingAdmin() {
        return harnessAdmin;
    }

    /** {@code DELETE} on the admins config path; 404 (never made, or removed by the test) is fine. */
    @Override
    protected void removeAdmin(String name) {
        int status = raw.send("DELETE", adminsPath() + "/" + name, null, harnessAdmin).status();
        assertThat(status).as("DELETE admin " + name).isIn(200, 404);
    }

    /** @return {@code /_node/_local/_config/admins} on CouchDB 3, {@code /_config/admins} on the dev server */
    private String adminsPath() {
        JsonNode probe = raw.send("GET", "/_node/_local/_config/admins", null, harnessAdmin).json();
        return probe != null && probe.isObject() && !probe.has("error") ? "/_node/_local/_config/admins"
                : "/_config/admins";
    }
}
