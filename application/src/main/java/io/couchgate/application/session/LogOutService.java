package io.couchgate.application.session;

import io.couchgate.application.port.in.LogOutUseCase;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.Session;
import io.couchgate.domain.SessionId;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.SessionStore;
import io.couchgate.domain.port.SessionStreams;
import io.couchgate.domain.port.SessionUserDirectory;
import java.util.Objects;

/**
 * Ends sessions (architecture flow 6). The CouchDB user goes first: if that fails, the credentials stay in the
 * store, so the logout (or the reaper) can try again and no CouchDB user is left without a record of it. Once a
 * session is forgotten, its open streams ({@code _changes} feeds) end too.
 */
public final class LogOutService implements LogOutUseCase {

    private final SessionUserDirectory directory;
    private final SessionStore store;
    private final SessionStreams streams;

    /**
     * @param directory where session users are deleted from CouchDB
     * @param store where live sessions are kept
     * @param streams ends the open streams of each ended session
     */
    public LogOutService(SessionUserDirectory directory, SessionStore store, SessionStreams streams) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.store = Objects.requireNonNull(store, "store");
        this.streams = Objects.requireNonNull(streams, "streams");
    }

    @Override
    public void logOut(SessionId sessionId) {
        store.find(sessionId).ifPresent(this::end);
    }

    /** Tries every session of the user; if some fail, throws the first failure once all were tried. */
    @Override
    public int logOutEverywhere(Username username) {
        int ended = 0;
        CouchDbException failure = null;
        for (Session session : store.findByUsername(username)) {
            try {
                end(session);
                ended++;
            } catch (CouchDbException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return ended;
    }

    private void end(Session session) {
        directory.delete(session);
        store.remove(session.id());
        streams.endAll(session.id());
    }
}
