package io.couchgate.domain.port.testing;

import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.port.ServerProvisioner;

/** The fake provisioner keeps the provisioner contract (the real one's: {@code CouchDbServerProvisioner}). */
class FakeServerProvisionerTest extends ServerProvisionerContract {

    private static final CouchCredentials ADMIN = new CouchCredentials("admin", "harness-Pass-word");

    @Override
    protected ServerProvisioner newProvisioner() {
        return new FakeServerProvisioner().withAdmin(ADMIN);
    }

    @Override
    protected CouchCredentials existingAdmin() {
        return ADMIN;
    }

    /** Every test has a fresh fake: nothing to clean up. */
    @Override
    protected void removeAdmin(String name) {
    }
}
