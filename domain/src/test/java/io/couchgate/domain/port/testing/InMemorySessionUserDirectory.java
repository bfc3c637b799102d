package io.couchgate.domain.port.testing;

import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.SessionUserName;
import io.couchgate.domain.SessionId;
import io.couchgate.domain.port.SessionUserDirectory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A {@link SessionUserDirectory} that keeps session-user names in memory and records every create and delete, in
 * order. It can hold users left by other instances ({@link #addExisting(String)}) and fail deletes of chosen
 * sessions or the next create. Thread-safe (every method synchronised).
 */
public final class InMemorySessionUserDirectory implements SessionUserDirectory {

    private final Set<String> live = new TreeSet<>();
    private final List<String> created = new ArrayList<>();
    private final List<String> deleted = new ArrayList<>();
    private final Set<SessionId> failingDeletes = new HashSet<>();
    private CouchDbException nextCreateFailure;
    private boolean failingExists;
    private boolean failingListing;

    @Override
    public synchronized void create(Session session) {
        if (nextCreateFailure != null) {
            CouchDbException failure = nextCreateFailure;
            nextCreateFailure = null;
            throw failure;
        }
        String name = session.credentials().name();
        if (!live.add(name)) {
            throw new CouchDbException("PUT /_users/org.couchdb.user:" + name + " answered 409");
        }
        created.add(name);
    }

    @Override
    public synchronized void delete(Session session) {
        if (failingDeletes.contains(session.id())) {
            throw new CouchDbException("DELETE of the session user of " + session.id() + " failed (injected)");
        }
        String name = session.credentials().name();
        if (live.remove(name)) {
            deleted.add(name);
        }
    }

    @Override
    public synchronized boolean exists(Session session) {
        if (failingExists) {
            throw new CouchDbException("GET of the session user of " + session.id() + " failed (injected)");
        }
        return live.contains(session.credentials().name());
    }

    @Override
    public synchronized long deleteUsersWhere(Predicate<SessionUserName> isStale) {
        if (failingListing) {
            throw new CouchDbException("GET /_users/_all_docs failed (injected)");
        }
        List<String> stale = live.stream()
                .filter(name -> SessionUserName.parse(name).filter(isStale).isPresent())
                .toList();
        live.removeAll(stale);
        deleted.addAll(stale);
        return stale.size();
    }

    public synchronized void addExisting(String name) {
        live.add(name);
    }

    /**
     * Removes a user as someone deleting it from {@code _users} directly would: not recorded as deleted.
     *
     * @param name the user's name
     */
    public synchronized void vanish(String name) {
        live.remove(name);
    }

    /** @param failing whether {@link #exists(Session)} throws a {@link CouchDbException} */
    public synchronized void failExists(boolean failing) {
        failingExists = failing;
    }

    /** @param failing whether {@link #deleteUsersWhere} throws a {@link CouchDbException} before it deletes any */
    public synchronized void failListing(boolean failing) {
        failingListing = failing;
    }

    /** @param id a session whose user's deletion fails with a {@link CouchDbException} until {@link #healDeletes()} */
    public synchronized void failDeletesOf(SessionId id) {
        failingDeletes.add(id);
    }

    /** Makes deletes succeed again. */
    public synchronized void healDeletes() {
        failingDeletes.clear();
    }

    /** @param failure what the next {@link #create(Session)} throws (once) */
    public synchronized void failNextCreate(CouchDbException failure) {
        nextCreateFailure = failure;
    }

    /** @return the names of users now present */
    public synchronized Set<String> liveNames() {
        return Set.copyOf(live);
    }

    /** @return every name created, in order */
    public synchronized List<String> createdNames() {
        return List.copyOf(created);
    }

    /** @return every name deleted, in order */
    public synchronized List<String> deletedNames() {
        return List.copyOf(deleted);
    }
}
