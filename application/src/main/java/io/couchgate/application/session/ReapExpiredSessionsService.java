package io.couchgate.application.session;

import io.couchgate.application.port.in.ReapExpiredSessionsUseCase;
import io.couchgate.domain.Session;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.SessionStore;
import io.couchgate.domain.port.SessionStreams;
import io.couchgate.domain.port.SessionUserDirectory;
import java.util.Objects;

/**
 * Ends expired sessions (architecture flow 7): deletes each one's CouchDB user, forgets it and ends its open
 * streams. A failure ends
 * only that session's attempt (it stays kept and is tried at the next run); the others still go.
 */
public final class ReapExpiredSessionsService implements ReapExpiredSessionsUseCase {

    private static final System.Logger LOG = System.getLogger(ReapExpiredSessionsService.class.getName());

    private final SessionUserDirectory directory;
    private final SessionStore store;
    private final SessionStreams streams;
    private final Clock clock;

    /**
     * @param directory where session users are deleted from CouchDB
     * @param store where live sessions are kept
     * @param streams ends the open streams of each ended session
     * @param clock the current time
     */
    public ReapExpiredSessionsService(SessionUserDirectory directory, SessionStore store, SessionStreams streams,
                                      Clock clock) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.store = Objects.requireNonNull(store, "store");
        this.streams = Objects.requireNonNull(streams, "streams");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public int reap() {
        int ended = 0;
        for (Session session : store.findExpiredAt(clock.now())) {
            try {
                directory.delete(session);
                store.remove(session.id());
                streams.endAll(session.id());
                ended++;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not end expired session " + session.id() + " of "
                        + session.username() + " (next run retries): " + e.getMessage());
            }
        }
        return ended;
    }
}
