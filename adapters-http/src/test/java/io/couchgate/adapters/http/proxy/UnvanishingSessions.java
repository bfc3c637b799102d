package io.couchgate.adapters.http.proxy;

import io.couchgate.application.port.in.DropVanishedSessionUseCase;
import io.couchgate.application.port.in.VanishedSessionOutcome;
import io.couchgate.domain.Session;
import java.util.concurrent.atomic.AtomicInteger;

/** Beside {@link FakeSessions}: every session user still exists, so CouchDB's 401s pass; counts the checks. */
final class UnvanishingSessions implements DropVanishedSessionUseCase {

    private final AtomicInteger checks = new AtomicInteger();

    @Override
    public VanishedSessionOutcome dropIfVanished(Session session) {
        checks.incrementAndGet();
        return VanishedSessionOutcome.USER_EXISTS;
    }

    /** @return how many times the proxy asked */
    int checks() {
        return checks.get();
    }
}
