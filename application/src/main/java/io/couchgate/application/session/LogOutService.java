package io.couchgate.application.session;

import io.couchgate.application.port.in.LogOutUseCase;
import io.couchgate.domain.SessionId;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.SessionStore;
import io.couchgate.domain.port.SessionStreams;
import io.couchgate.domain.port.SessionUserDirectory;
import java.util.Objects;

/**
 * Ends sessions (architecture flow 6) through {@link UserSessions}. The CouchDB user goes first: if that fails, the
 * credentials stay in the store, so the logout (or the reaper) can try again and no CouchDB user is left without a
 * record of it. Once a session is forgotten, its open streams ({@code _changes} feeds) end too.
 */
public final class LogOutService implements LogOutUseCase {

    private final SessionStore store;
    private final UserSessions sessions;

    /**
     * @param directory where session users are deleted from CouchDB
     * @param store where live sessions are kept
     * @param streams ends the open streams of each ended session
     */
    public LogOutService(SessionUserDirectory directory, SessionStore store, SessionStreams streams) {
        this.store = Objects.requireNonNull(store, "store");
        this.sessions = new UserSessions(directory, store, streams);
    }

    @Override
    public void logOut(SessionId sessionId) {
        store.find(sessionId).ifPresent(sessions::end);
    }

    /** Ends the user's sessions, stopping at the first that CouchDB fails to end (see {@link UserSessions#endAll}). */
    @Override
    public int logOutEverywhere(Username username) {
        return sessions.endAll(username);
    }
}
