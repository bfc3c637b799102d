package io.couchgate.application.session;

import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.Session;
import io.couchgate.domain.SessionId;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.SessionStore;
import io.couchgate.domain.port.SessionStreams;
import io.couchgate.domain.port.SessionUserDirectory;
import java.util.Objects;
import java.util.Optional;

/**
 * Ends sessions as a logout does: the CouchDB user first (if that fails, the session's record stays, so the end can
 * be tried again and no CouchDB user is left without its record), then the record (in the durable mode the other
 * instances learn of it from the sessions feed and end their streams of it), then this instance's open streams of it.
 */
public final class UserSessions {

    private final SessionUserDirectory directory;
    private final SessionStore store;
    private final SessionStreams streams;

    /**
     * @param directory where session users are deleted from CouchDB
     * @param store where live sessions are kept
     * @param streams ends the open streams of each ended session
     */
    public UserSessions(SessionUserDirectory directory, SessionStore store, SessionStreams streams) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.store = Objects.requireNonNull(store, "store");
        this.streams = Objects.requireNonNull(streams, "streams");
    }

    /**
     * @param session the session to end
     * @throws CouchDbException if CouchDB fails (the session is then kept)
     */
    public void end(Session session) {
        directory.delete(session);
        store.remove(session.id());
        streams.endAll(session.id());
    }

    /**
     * Ends the user's sessions one by one, and stops at the first that CouchDB fails to end: that one and the rest
     * are kept, so a retry ends them. Stopping bounds the call by one CouchDB timeout when CouchDB answers nothing,
     * instead of one per session.
     *
     * @param username the user whose every session ends
     * @return how many sessions were ended
     * @throws CouchDbException if CouchDB fails (the sessions not yet ended are kept)
     */
    public int endAll(Username username) {
        return endAllBut(username, Optional.empty());
    }

    /**
     * {@link #endAll} except one session.
     *
     * @param username the user whose sessions end
     * @param keep the session that stays open
     * @return how many sessions were ended
     * @throws CouchDbException if CouchDB fails (the sessions not yet ended are kept)
     */
    public int endAllBut(Username username, SessionId keep) {
        return endAllBut(username, Optional.of(keep));
    }

    private int endAllBut(Username username, Optional<SessionId> keep) {
        int ended = 0;
        for (Session session : store.findByUsername(username)) {
            if (keep.filter(session.id()::equals).isEmpty()) {
                end(session);
                ended++;
            }
        }
        return ended;
    }
}
