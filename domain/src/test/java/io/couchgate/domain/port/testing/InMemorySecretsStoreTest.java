package io.couchgate.domain.port.testing;

import io.couchgate.domain.port.SecretsStore;

/** The fake secrets store keeps the secrets-store contract (the real one's: bootstrap's {@code FileSecretsStore}). */
class InMemorySecretsStoreTest extends SecretsStoreContract {

    private InMemorySecretsStore store;

    @Override
    protected SecretsStore newStore() {
        store = new InMemorySecretsStore();
        return store;
    }

    /** The fake's storage is the object itself: a restart is the same store. */
    @Override
    protected SecretsStore reopen() {
        return store;
    }

    @Override
    protected void exposeToOthers() {
        store.exposeToOthers(true);
    }

    @Override
    protected void makeOwnerOnly() {
        store.exposeToOthers(false);
    }

    @Override
    protected void corrupt() {
        store.corrupt();
    }

    @Override
    protected void refuseWrites() {
        store.refuseWrites();
    }
}
