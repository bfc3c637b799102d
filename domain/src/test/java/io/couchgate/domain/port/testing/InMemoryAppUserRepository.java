package io.couchgate.domain.port.testing;

import io.couchgate.domain.AccountChangedException;
import io.couchgate.domain.AppUser;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.Username;
import io.couchgate.domain.UsernameTakenException;
import io.couchgate.domain.port.AppUserListing;
import io.couchgate.domain.port.AppUserRepository;
import java.util.Comparator;
import java.util.List;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link AppUserRepository} in a map: per name either an account or a deletion mark (its time), as the CouchDB
 * adapter keeps one document per name. Counts updates and deletions. Thread-safe.
 */
public final class InMemoryAppUserRepository implements AppUserRepository, AppUserListing {

    /** What one name holds: an account ({@code deletedAt} null) or a deletion mark ({@code user} null). */
    private record Entry(AppUser user, Instant deletedAt) {
    }

    private final ConcurrentMap<Username, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicInteger updates = new AtomicInteger();
    private final AtomicInteger deletions = new AtomicInteger();

    @Override
    public void create(AppUser user, Instant deletedBefore) {
        entries.compute(user.username(), (name, old) -> {
            if (old != null && (old.user() != null || !old.deletedAt().isBefore(deletedBefore))) {
                throw new UsernameTakenException(name);
            }
            return new Entry(user, null);
        });
    }

    @Override
    public Optional<AppUser> findByUsername(Username username) {
        return Optional.ofNullable(entries.get(username)).map(Entry::user);
    }

    @Override
    public void update(AppUser user) {
        entries.compute(user.username(), (name, old) -> {
            if (old == null || old.user() == null) {
                throw new CouchDbException("no account to update: user:" + name);
            }
            return new Entry(user, null);
        });
        updates.incrementAndGet();
    }

    @Override
    public void delete(AppUser user, Instant deletedAt) {
        entries.compute(user.username(), (name, old) -> {
            if (old == null || old.user() == null || !old.user().passwordHash().equals(user.passwordHash())) {
                throw new AccountChangedException(name);
            }
            return new Entry(null, deletedAt);
        });
        deletions.incrementAndGet();
    }

    @Override
    public List<AppUser> findAll() {
        return entries.values().stream().map(Entry::user).filter(java.util.Objects::nonNull)
                .sorted(Comparator.comparing(user -> user.username().value())).toList();
    }

    /**
     * @param username the name
     * @return when its account was deleted, if the name holds a deletion mark
     */
    public Optional<Instant> deletedAt(Username username) {
        return Optional.ofNullable(entries.get(username)).map(Entry::deletedAt);
    }

    /** @return how many successful {@link #update(AppUser)} calls there were */
    public int updates() {
        return updates.get();
    }

    /** @return how many successful {@link #delete(AppUser, Instant)} calls there were */
    public int deletions() {
        return deletions.get();
    }

    /** @return how many accounts are stored (deletion marks not counted) */
    public int size() {
        return (int) entries.values().stream().filter(e -> e.user() != null).count();
    }
}
