package io.couchgate.application.session;

import io.couchgate.domain.Session;
import io.couchgate.domain.SessionId;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.SessionStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The default {@link SessionStore}: live sessions in this process's memory, so a restart forgets them all (and
 * the start-up purge deletes their CouchDB users). Thread-safe; look-ups by user or expiry scan every session.
 */
public final class InMemorySessionStore implements SessionStore {

    private final ConcurrentMap<SessionId, Session> sessions = new ConcurrentHashMap<>();

    @Override
    public void put(Session session) {
        sessions.put(session.id(), session);
    }

    @Override
    public Optional<Session> find(SessionId id) {
        return Optional.ofNullable(sessions.get(id));
    }

    /** @return always {@link #find}'s answer: this store is memory */
    @Override
    public Optional<Optional<Session>> findWithoutWaiting(SessionId id) {
        return Optional.of(find(id));
    }

    @Override
    public Optional<Session> remove(SessionId id) {
        return Optional.ofNullable(sessions.remove(id));
    }

    @Override
    public List<Session> findByUsername(Username username) {
        return sessions.values().stream().filter(s -> s.username().equals(username)).toList();
    }

    @Override
    public List<Session> findExpiredAt(Instant now) {
        return sessions.values().stream().filter(s -> s.isExpiredAt(now)).toList();
    }

    @Override
    public Optional<Session> findByDigest(String digest) {
        return sessions.values().stream().filter(s -> s.id().digest().equals(digest)).findFirst();
    }

    @Override
    public Map<String, Instant> issuedAtByDigest() {
        Map<String, Instant> index = new HashMap<>();
        sessions.values().forEach(s -> index.put(s.id().digest(), s.issuedAt()));
        return index;
    }

    /** @return how many sessions are kept now, expired ones not yet reaped included (a snapshot) */
    public int size() {
        return sessions.size();
    }
}
