package io.couchgate.application.session;

import io.couchgate.application.port.in.DropVanishedSessionUseCase;
import io.couchgate.application.port.in.VanishedSessionOutcome;
import io.couchgate.domain.Session;
import io.couchgate.domain.port.SessionStore;
import io.couchgate.domain.port.SessionStreams;
import io.couchgate.domain.port.SessionUserDirectory;
import java.util.Objects;

/**
 * Drops a session whose CouchDB user vanished, once couchgate's admin confirms the user is gone
 * ({@link SessionUserDirectory#exists}). Ends it as a logout does ({@link LogOutService}): the CouchDB user goes
 * first (already gone: nothing to do; a failure keeps the session, so a later request tries again), then the
 * credentials, then the session's open streams. Costs one CouchDB request while the user exists.
 */
public final class DropVanishedSessionService implements DropVanishedSessionUseCase {

    private final SessionUserDirectory directory;
    private final SessionStore store;
    private final SessionStreams streams;

    /**
     * @param directory asks whether the session user exists, and deletes it
     * @param store where live sessions are kept
     * @param streams ends the open streams of a dropped session
     */
    public DropVanishedSessionService(SessionUserDirectory directory, SessionStore store, SessionStreams streams) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.store = Objects.requireNonNull(store, "store");
        this.streams = Objects.requireNonNull(streams, "streams");
    }

    @Override
    public VanishedSessionOutcome dropIfVanished(Session session) {
        Objects.requireNonNull(session, "session");
        if (directory.exists(session)) {
            return VanishedSessionOutcome.USER_EXISTS;
        }
        directory.delete(session);
        boolean removed = store.remove(session.id()).isPresent();
        streams.endAll(session.id());
        return removed ? VanishedSessionOutcome.DROPPED : VanishedSessionOutcome.ALREADY_ENDED;
    }
}
