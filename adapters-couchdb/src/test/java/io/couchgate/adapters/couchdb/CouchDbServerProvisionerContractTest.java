package io.couchgate.adapters.couchdb;

import static org.assertj.core.api.Assertions.assertThat;

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
    private final String adminsPath;

    CouchDbServerProvisionerContractTest(CouchDbServer server) {
        couch = CouchDbConnection.open(server.couchDbSettings());
        raw = new RawCouch(server.url());
        harnessAdmin = RawCouch.adminOf(server);
        adminsPath = server.adminsPath();
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
        int status = raw.send("DELETE", adminsPath + "/" + name, null, harnessAdmin).status();
        assertThat(status).as("DELETE admin " + name).isIn(200, 404);
    }
}
