package io.couchgate.adapters.http.testing;

import io.couchgate.domain.AppUser;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.AppUserRepository;
import io.couchgate.domain.port.testing.InMemoryAppUserRepository;
import java.time.Instant;
import java.util.Optional;

/** The in-memory repository, plus a switch that makes every call fail as if CouchDB were down. */
public final class SwitchableAppUserRepository implements AppUserRepository {

    private final InMemoryAppUserRepository delegate = new InMemoryAppUserRepository();
    private volatile boolean down;

    /** @param down whether every call fails with a {@link CouchDbException} */
    public void down(boolean down) {
        this.down = down;
    }

    @Override
    public void create(AppUser user, Instant deletedBefore) {
        requireUp();
        delegate.create(user, deletedBefore);
    }

    @Override
    public Optional<AppUser> findByUsername(Username username) {
        requireUp();
        return delegate.findByUsername(username);
    }

    @Override
    public void update(AppUser user) {
        requireUp();
        delegate.update(user);
    }

    @Override
    public void delete(AppUser user, Instant deletedAt) {
        requireUp();
        delegate.delete(user, deletedAt);
    }

    /**
     * @param username the name
     * @return when its account was deleted, if the name holds a deletion mark
     */
    public Optional<Instant> deletedAt(Username username) {
        return delegate.deletedAt(username);
    }

    private void requireUp() {
        if (down) {
            throw new CouchDbException("GET /app_users/user:alice answered 500");
        }
    }
}
