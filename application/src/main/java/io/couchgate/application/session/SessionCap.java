package io.couchgate.application.session;

import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.Session;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.SessionStore;
import io.couchgate.domain.port.SessionStreams;
import io.couchgate.domain.port.SessionUserDirectory;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Caps a user's live (unexpired) sessions ({@code couchgate.sessions.max-per-user}): beyond the cap the oldest, by
 * issued-at, end as at logout (CouchDB user deleted, credentials forgotten, open streams ended). Ending every session
 * beyond the cap, not just one, keeps two concurrent logins from leaving the user above it. Expired sessions are not
 * counted; the reaper ends them.
 */
public final class SessionCap {

    /** The default cap: 20 live sessions per user. */
    public static final int DEFAULT_MAX_PER_USER = 20;

    private static final System.Logger LOG = System.getLogger(SessionCap.class.getName());

    private final SessionUserDirectory directory;
    private final SessionStore store;
    private final SessionStreams streams;
    private final Clock clock;
    private final int maxPerUser;

    /**
     * @param directory where session users are deleted from CouchDB
     * @param store where live sessions are kept
     * @param streams ends the open streams of each ended session
     * @param clock the current time, to tell live sessions from expired ones
     * @param maxPerUser how many live sessions a user may have, at least 1
     * @throws IllegalArgumentException if {@code maxPerUser} is below 1
     */
    public SessionCap(SessionUserDirectory directory, SessionStore store, SessionStreams streams, Clock clock,
                      int maxPerUser) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.store = Objects.requireNonNull(store, "store");
        this.streams = Objects.requireNonNull(streams, "streams");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxPerUser < 1) {
            throw new IllegalArgumentException("maxPerUser must be at least 1, was " + maxPerUser);
        }
        this.maxPerUser = maxPerUser;
    }

    /**
     * Ends the user's oldest live sessions until at most the cap are left. A session whose CouchDB user cannot be
     * deleted is kept (and logged), so that it can be ended later, and the others still go.
     *
     * @param username the user who has just opened a session
     * @return how many sessions were ended
     */
    public int enforce(Username username) {
        Instant now = clock.now();
        List<Session> live = store.findByUsername(username).stream()
                .filter(s -> !s.isExpiredAt(now))
                .sorted(Comparator.comparing(Session::issuedAt).thenComparing(s -> s.id().value()))
                .toList();
        int ended = 0;
        for (Session oldest : live.subList(0, Math.max(0, live.size() - maxPerUser))) {
            if (end(oldest)) {
                ended++;
            }
        }
        return ended;
    }

    /** @return the cap */
    public int maxPerUser() {
        return maxPerUser;
    }

    private boolean end(Session session) {
        try {
            directory.delete(session);
            store.remove(session.id());
            streams.endAll(session.id());
            return true;
        } catch (CouchDbException e) {
            LOG.log(System.Logger.Level.WARNING, "could not end session " + session.id() + " of "
                    + session.username() + " beyond the cap of " + maxPerUser + ": " + e.getMessage());
            return false;
        }
    }
}
