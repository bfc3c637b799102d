package io.couchgate.application.session;

import io.couchgate.domain.Session;
import io.couchgate.domain.SessionId;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.SessionStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A store that forwards every call, for tests that intercept one of them. */
class ForwardingSessionStore implements SessionStore {

    private final SessionStore delegate;

    ForwardingSessionStore(SessionStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void put(Session session) {
        delegate.put(session);
    }

    @Override
    public Optional<Session> find(SessionId id) {
        return delegate.find(id);
    }

    @Override
    public Optional<Session> remove(SessionId id) {
        return delegate.remove(id);
    }

    @Override
    public List<Session> findByUsername(Username username) {
        return delegate.findByUsername(username);
    }

    @Override
    public List<Session> findExpiredAt(Instant now) {
        return delegate.findExpiredAt(now);
    }

    @Override
    public Optional<Session> findByDigest(String digest) {
        return delegate.findByDigest(digest);
    }

    @Override
    public Map<String, Instant> issuedAtByDigest() {
        return delegate.issuedAtByDigest();
    }
}
