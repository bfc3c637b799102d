package io.couchgate.application.session;

import io.couchgate.domain.Session;
import io.couchgate.domain.SessionId;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.SessionFeed;
import io.couchgate.domain.port.SessionStore;
import io.couchgate.domain.port.SessionStreams;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The durable store ({@code couchdb} mode) with this instance's cache in front, so that a proxied request costs no
 * CouchDB round trip (architecture, "Session modes"). It listens to the store's {@link SessionFeed}: a session
 * removed on any instance is forgotten here and its open streams end; any other change to a cached session drops it
 * from the cache, to be read again.
 * <p>
 * While the feed is current (connected and caught up), a cached session is trusted for as long as it stays cached.
 * While the feed is down, changes may be missed, so a cached session checked longer ago than {@code recheckAfter}
 * (5 s) is read again from the store before it is trusted; a store failure then propagates (the caller answers as
 * for CouchDB being away) rather than trusting a possibly revoked session.
 * <p>
 * A read that overlaps a change announced by the feed is returned but not cached, so that a removal announced while
 * the read was in flight can never be overwritten by the older answer. Look-ups by user, expiry or digest and the
 * sweep's index always go to the store: they must see every instance's sessions.
 */
public final class CachingSessionStore implements SessionStore, SessionFeed.Listener {

    /** How long a cached session is trusted without a check while the feed is down. */
    public static final Duration DEFAULT_RECHECK_AFTER = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger(CachingSessionStore.class.getName());

    private final SessionStore store;
    private final SessionStreams streams;
    private final Clock clock;
    private final Duration recheckAfter;
    private final ConcurrentMap<SessionId, Cached> cache = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, SessionId> byDigest = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();
    private volatile boolean feedCurrent;
    private volatile String feedProblem = "not connected yet";

    /**
     * @param store the durable store, shared by every instance
     * @param streams ends the open streams of a session removed on another instance
     * @param clock the current time
     * @param recheckAfter how long a cached session is trusted unchecked while the feed is down; positive
     * @throws IllegalArgumentException if {@code recheckAfter} is not positive
     */
    public CachingSessionStore(SessionStore store, SessionStreams streams, Clock clock, Duration recheckAfter) {
        this.store = Objects.requireNonNull(store, "store");
        this.streams = Objects.requireNonNull(streams, "streams");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (recheckAfter.isNegative() || recheckAfter.isZero()) {
            throw new IllegalArgumentException("recheckAfter must be positive, was " + recheckAfter);
        }
        this.recheckAfter = recheckAfter;
    }

    @Override
    public void put(Session session) {
        store.put(session);
        remember(session, clock.now());
    }

    @Override
    public Optional<Session> find(SessionId id) {
        Optional<Session> trusted = trusted(id, clock.now());
        if (trusted.isPresent()) {
            return trusted;
        }
        Instant now = clock.now();
        long before = changes.get();
        Optional<Session> found = store.find(id);
        if (found.isEmpty()) {
            forget(id);
        } else if (changes.get() == before) {
            remember(found.get(), now);
        } else {
            byDigest.put(id.digest(), id); // not cached, but its removal must still end its streams here
        }
        return found;
    }

    /** @return the cached session while it may be trusted (see the class comment); empty when the store must tell */
    @Override
    public Optional<Optional<Session>> findWithoutWaiting(SessionId id) {
        Optional<Session> trusted = trusted(id, clock.now());
        return trusted.isPresent() ? Optional.of(trusted) : Optional.empty();
    }

    private Optional<Session> trusted(SessionId id, Instant now) {
        Cached cached = cache.get(id);
        if (cached != null && (feedCurrent || !now.isAfter(cached.checkedAt().plus(recheckAfter)))) {
            return Optional.of(cached.session());
        }
        return Optional.empty();
    }

    @Override
    public Optional<Session> remove(SessionId id) {
        Optional<Session> removed = store.remove(id);
        forget(id);
        return removed;
    }

    @Override
    public List<Session> findByUsername(Username username) {
        return store.findByUsername(username);
    }

    @Override
    public List<Session> findExpiredAt(Instant now) {
        return store.findExpiredAt(now);
    }

    @Override
    public Optional<Session> findByDigest(String digest) {
        return store.findByDigest(digest);
    }

    @Override
    public Map<String, Instant> issuedAtByDigest() {
        return store.issuedAtByDigest();
    }

    /** Forgets the session; when it was removed from the store, its open streams on this instance end too. */
    @Override
    public void changed(String sessionDigest, boolean removed) {
        changes.incrementAndGet();
        SessionId id = removed ? byDigest.remove(sessionDigest) : byDigest.get(sessionDigest);
        if (id == null) {
            return;
        }
        cache.remove(id);
        if (removed) {
            streams.endAll(id);
        }
    }

    @Override
    public void current() {
        if (!feedCurrent) {
            LOG.log(System.Logger.Level.INFO, "the sessions feed is current: cached sessions are trusted again");
        }
        feedProblem = null;
        feedCurrent = true;
    }

    @Override
    public void interrupted(String reason) {
        changes.incrementAndGet();
        if (feedCurrent) {
            LOG.log(System.Logger.Level.WARNING, "the sessions feed is down (" + reason + "): cached sessions are "
                    + "checked again after " + recheckAfter.toMillis() + " ms");
        }
        feedProblem = reason;
        feedCurrent = false;
    }

    /** @return true while the feed is connected and caught up */
    public boolean isFeedCurrent() {
        return feedCurrent;
    }

    /** @return why the feed is not current, or empty while it is */
    public Optional<String> feedProblem() {
        return Optional.ofNullable(feedProblem);
    }

    /** @return how many sessions are cached now */
    public int cachedCount() {
        return cache.size();
    }

    private void remember(Session session, Instant checkedAt) {
        byDigest.put(session.id().digest(), session.id());
        cache.put(session.id(), new Cached(session, checkedAt));
    }

    private void forget(SessionId id) {
        cache.remove(id);
        byDigest.remove(id.digest());
    }

    private record Cached(Session session, Instant checkedAt) {
    }
}
