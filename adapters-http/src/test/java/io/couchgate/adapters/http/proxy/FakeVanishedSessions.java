package io.couchgate.adapters.http.proxy;

import io.couchgate.application.port.in.DropVanishedSessionUseCase;
import io.couchgate.application.port.in.VanishedSessionOutcome;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.Session;
import io.couchgate.domain.port.SessionStreams;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Beside {@link FakeSessions}: every session user still exists, so CouchDB's 401s pass, unless {@link #vanishNext()}
 * was called (the next check then reports the session dropped and, as the real service does, ends the session's
 * open streams; {@link FakeSessions} still resolves it) or {@link #failNext()} (the next check throws). Counts checks.
 */
final class FakeVanishedSessions implements DropVanishedSessionUseCase {

    private final SessionStreams streams;

    private final AtomicInteger checks = new AtomicInteger();
    private final AtomicBoolean vanishNext = new AtomicBoolean();
    private final AtomicBoolean failNext = new AtomicBoolean();

    /** @param streams the proxy's open streams, ended for a dropped session */
    FakeVanishedSessions(SessionStreams streams) {
        this.streams = streams;
    }

    @Override
    public VanishedSessionOutcome dropIfVanished(Session session) {
        checks.incrementAndGet();
        if (failNext.getAndSet(false)) {
            throw new CouchDbException("GET /_users/org.couchdb.user%3A" + session.credentials().name()
                    + " answered 500");
        }
        if (!vanishNext.getAndSet(false)) {
            return VanishedSessionOutcome.USER_EXISTS;
        }
        streams.endAll(session.id());
        return VanishedSessionOutcome.DROPPED;
    }

    /** The next check finds the session user gone. */
    void vanishNext() {
        vanishNext.set(true);
    }

    /** The next check fails as CouchDB failing would, with the session user's doc (and sid) in its message. */
    void failNext() {
        failNext.set(true);
    }

    /** @return how many times the proxy asked */
    int checks() {
        return checks.get();
    }
}
