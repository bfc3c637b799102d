package io.couchgate.adapters.couchdb;

import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.port.SessionFeed;
import java.time.Duration;
import java.util.Objects;

/**
 * {@link SessionFeed} over the sessions database's {@code _changes} (api/database/changes.html), as couchgate's
 * admin: a {@code longpoll} loop, which CouchDB answers as soon as a change arrives (or empty after the poll
 * timeout), resumed from the last sequence seen. The ids it announces are doc ids, that is session digests; design
 * docs are skipped. Each {@link #follow} runs its own daemon thread, {@code couchgate-session-feed}, with a
 * connection of its own.
 */
public final class CouchDbSessionFeed implements SessionFeed {

    /**
     * A poll timeout well below the idle limits of common proxies and load balancers, and short enough that a
     * CouchDB gone silent (frozen, partitioned) is noticed within about two polls plus margins (measured: 5 to 6
     * s), after which cached sessions are re-checked (one empty answer every 2 s per instance otherwise).
     */
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofSeconds(2);
    /** How much longer than the poll timeout the feed's own connection waits for an answer. */
    static final Duration READ_MARGIN = Duration.ofSeconds(1);

    private final CouchDbSettings settings;
    private final CouchCredentials admin;
    private final String database;
    private final Duration pollTimeout;

    /**
     * @param settings how to reach CouchDB, and which server it is (see {@link #follow}); each subscription opens a
     *                 connection of its own with these settings and a read timeout of {@code pollTimeout} plus 1 s,
     *                 and closes it when it ends (so a close also aborts the request in flight)
     * @param admin couchgate's server admin, the only member of the sessions database
     * @param database the sessions database's name, as given to {@link CouchDbSessionStore}
     * @param pollTimeout how long one longpoll waits for a change before CouchDB answers empty (at least 1 ms; see
     *                    {@link #DEFAULT_POLL_TIMEOUT})
     * @throws IllegalArgumentException if the name is invalid or the poll timeout is shorter than 1 ms
     */
    public CouchDbSessionFeed(CouchDbSettings settings, CouchCredentials admin, String database,
                              Duration pollTimeout) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.admin = Objects.requireNonNull(admin, "admin");
        this.database = CouchDbSessionStore.requireValidName(database);
        this.pollTimeout = Objects.requireNonNull(pollTimeout, "pollTimeout");
        if (pollTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("the session feed's poll timeout must be at least 1 ms");
        }
    }

    /**
     * Starts a follower thread: it reads the database's current sequence, calls {@code current()}, then
     * {@code changed} for each change. When a request fails, it calls {@code interrupted} once, retries with a
     * backoff from 250 ms doubling to 2 s, catches up from the last sequence seen and calls {@code current()} again.
     * With the settings' compatibility {@code pouchdb-server} only, a longpoll that fails after its poll timeout
     * (the dev server holds longpolls past it) catches up at once instead, and interrupts only when that fails too.
     */
    @Override
    public Subscription follow(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        CouchDbConnection couch = CouchDbConnection.open(settings.withReadTimeout(pollTimeout.plus(READ_MARGIN)));
        SessionFeedFollower follower = new SessionFeedFollower(couch, admin, database, pollTimeout,
                settings.compatibility(), listener);
        follower.start();
        return follower;
    }
}
