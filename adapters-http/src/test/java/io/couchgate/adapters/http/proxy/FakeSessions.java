package io.couchgate.adapters.http.proxy;

import io.couchgate.application.port.in.ResolveDatabaseCredentialsUseCase;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.SessionId;
import io.couchgate.domain.Username;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Knows alice's live token ({@link #TOKEN}), bob's ({@link #BOB_TOKEN}) and carol's one-time-password session's
 * ({@link #ONE_TIME_TOKEN}); every other token, and a revoked one,
 * resolves to nothing.
 */
final class FakeSessions implements ResolveDatabaseCredentialsUseCase {

    static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.live-session.signature";
    static final InstanceId INSTANCE = new InstanceId(UUID.fromString("7b1f3a5e-0000-4000-8000-000000000001"));
    static final SessionId SESSION_ID = new SessionId("AAAAAAAAAAAAAAAAAAAAAA");
    static final Username ALICE = Username.of("alice");
    static final CouchCredentials CREDENTIALS =
            new CouchCredentials(Session.sessionUserName(INSTANCE, ALICE, SESSION_ID), "p4ss:w0rd-with-colon");

    static final String BOB_TOKEN = "eyJhbGciOiJIUzI1NiJ9.bob-session.signature";
    static final SessionId BOB_SESSION_ID = new SessionId("BBBBBBBBBBBBBBBBBBBBBB");
    static final Username BOB = Username.of("bob");
    static final CouchCredentials BOB_CREDENTIALS =
            new CouchCredentials(Session.sessionUserName(INSTANCE, BOB, BOB_SESSION_ID), "b0b-pass");

    /** Carol's token, of a session opened with a one-time password (it must change it first). */
    static final String ONE_TIME_TOKEN = "eyJhbGciOiJIUzI1NiJ9.one-time-session.signature";
    static final SessionId ONE_TIME_SESSION_ID = new SessionId("CCCCCCCCCCCCCCCCCCCCCC");
    static final Username CAROL = Username.of("carol");

    private final Map<String, Session> live = new ConcurrentHashMap<>();
    private final List<String> resolvingThreads = new CopyOnWriteArrayList<>();
    private volatile boolean nothingCached;

    FakeSessions() {
        Instant issued = Instant.parse("2026-01-01T00:00:00Z");
        live.put(TOKEN, new Session(SESSION_ID, ALICE, INSTANCE, issued, issued.plusSeconds(7 * 24 * 3600),
                CREDENTIALS));
        live.put(BOB_TOKEN, new Session(BOB_SESSION_ID, BOB, INSTANCE, issued, issued.plusSeconds(7 * 24 * 3600),
                BOB_CREDENTIALS));
        live.put(ONE_TIME_TOKEN, new Session(ONE_TIME_SESSION_ID, CAROL, INSTANCE, issued,
                issued.plusSeconds(7 * 24 * 3600), new CouchCredentials(Session.sessionUserName(INSTANCE, CAROL,
                ONE_TIME_SESSION_ID), "never-created"), true));
    }

    void revoke(String token) {
        live.remove(token);
    }

    void restore() {
        if (!live.containsKey(TOKEN)) {
            Instant issued = Instant.parse("2026-01-01T00:00:00Z");
            live.put(TOKEN, new Session(SESSION_ID, ALICE, INSTANCE, issued, issued.plusSeconds(7 * 24 * 3600),
                    CREDENTIALS));
        }
    }

    /** @param uncached true: as a durable store with a cold cache, every token needs {@link #resolve} (I/O) */
    void cacheNothing(boolean uncached) {
        nothingCached = uncached;
    }

    /** @return the names of the threads {@link #resolve} ran on */
    List<String> resolvingThreads() {
        return List.copyOf(resolvingThreads);
    }

    @Override
    public Optional<Session> resolve(String bearerToken) {
        resolvingThreads.add(Thread.currentThread().getName());
        return Optional.ofNullable(live.get(bearerToken));
    }

    @Override
    public Optional<Optional<Session>> resolveWithoutWaiting(String bearerToken) {
        return nothingCached ? Optional.empty() : Optional.of(Optional.ofNullable(live.get(bearerToken)));
    }
}
