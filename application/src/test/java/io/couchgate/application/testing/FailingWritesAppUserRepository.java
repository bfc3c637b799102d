package io.couchgate.application.testing;

import io.couchgate.domain.AppUser;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.AppUserRepository;
import io.couchgate.domain.port.testing.InMemoryAppUserRepository;
import java.time.Instant;
import java.util.Optional;

/** The in-memory repository whose writes (update, delete) can be made to fail as if CouchDB went down mid-call. */
public final class FailingWritesAppUserRepository implements AppUserRepository {

    private final InMemoryAppUserRepository delegate;
    private volatile boolean failing;

    /** @param delegate where the accounts are kept */
    public FailingWritesAppUserRepository(InMemoryAppUserRepository delegate) {
        this.delegate = delegate;
    }

    /** @param failing whether update and delete throw {@link CouchDbException} (reads keep working) */
    public void failWrites(boolean failing) {
        this.failing = failing;
    }

    @Override
    public void create(AppUser user, Instant deletedBefore) {
        delegate.create(user, deletedBefore);
    }

    @Override
    public Optional<AppUser> findByUsername(Username username) {
        return delegate.findByUsername(username);
    }

    @Override
    public void update(AppUser user) {
        requireUp("PUT");
        delegate.update(user);
    }

    @Override
    public void delete(AppUser user, Instant deletedAt) {
        requireUp("PUT");
        delegate.delete(user, deletedAt);
    }

    private void requireUp(String method) {
        if (failing) {
            throw new CouchDbException(method + " /app_users/user:x failed: Connection refused");
        }
    }
}
