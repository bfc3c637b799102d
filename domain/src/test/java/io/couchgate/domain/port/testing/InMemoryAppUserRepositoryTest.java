package io.couchgate.domain.port.testing;

import io.couchgate.domain.port.AppUserRepository;

class InMemoryAppUserRepositoryTest extends AppUserRepositoryContract {

    @Override
    protected AppUserRepository newRepository() {
        return new InMemoryAppUserRepository();
    }
}
