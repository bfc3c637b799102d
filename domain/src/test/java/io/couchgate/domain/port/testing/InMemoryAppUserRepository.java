package io.couchgate.domain.port.testing;

import io.couchgate.domain.AppUser;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.Username;
import io.couchgate.domain.UsernameTakenException;
import io.couchgate.domain.port.AppUserRepository;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An {@link AppUserRepository} in a map; counts updates. Thread-safe. */
public final class InMemoryAppUserRepository implements AppUserRepository {

    private final ConcurrentMap<Username, AppUser> users = new ConcurrentHashMap<>();
    private final AtomicInteger updates = new AtomicInteger();

    @Override
    public void create(AppUser user) {
        if (users.putIfAbsent(user.username(), user) != null) {
            throw new UsernameTakenException(user.username());
        }
    }

    @Override
    public Optional<AppUser> findByUsername(Username username) {
        return Optional.ofNullable(users.get(username));
    }

    @Override
    public void update(AppUser user) {
        if (users.replace(user.username(), user) == null) {
            throw new CouchDbException("no account to update: user:" + user.username());
        }
        updates.incrementAndGet();
    }

    /** @return how many successful {@link #update(AppUser)} calls there were */
    public int updates() {
        return updates.get();
    }

    /** @return how many accounts are stored */
    public int size() {
        return users.size();
    }
}
