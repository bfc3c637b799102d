package io.couchgate.domain.port;

import io.couchgate.domain.SessionId;

/**
 * The durable session store's changes, as every instance that shares it sees them (CouchDB: the sessions
 * database's {@code _changes} feed, api/database/changes.html). It tells a cache which sessions to forget, so that a
 * logout or revocation on one instance reaches the others; it never carries a session's credentials.
 */
public interface SessionFeed {

    /**
     * Starts following the store's changes from now on, on a thread of the adapter's own; reconnects by itself
     * after a failure, resuming where it stopped so no change is lost while the store stays up.
     *
     * @param listener told of each change and of the feed's state; called from one thread at a time
     * @return the handle that stops following
     */
    Subscription follow(Listener listener);

    /** Receives the feed's events. Implementations return quickly and never throw. */
    interface Listener {

        /**
         * A session was written, changed or removed on some instance.
         *
         * @param sessionDigest the session's {@link SessionId#digest()}
         * @param removed true when the session is gone from the store (logout, revocation, expiry)
         */
        void changed(String sessionDigest, boolean removed);

        /** The feed is connected and caught up: every change until now has been delivered. */
        void current();

        /**
         * The feed is down (the store is unreachable or refused); changes may be missed until {@link #current()}.
         *
         * @param reason what failed, for the log; never a secret
         */
        void interrupted(String reason);
    }

    /** A running subscription. */
    interface Subscription extends AutoCloseable {

        /** Stops following; idempotent; no listener call begins after it returns. */
        @Override
        void close();
    }
}
