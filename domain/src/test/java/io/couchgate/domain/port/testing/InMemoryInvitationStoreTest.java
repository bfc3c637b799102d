package io.couchgate.domain.port.testing;

import io.couchgate.domain.port.InvitationStore;

class InMemoryInvitationStoreTest extends InvitationStoreContract {

    @Override
    protected InvitationStore newStore() {
        return new InMemoryInvitationStore();
    }
}
