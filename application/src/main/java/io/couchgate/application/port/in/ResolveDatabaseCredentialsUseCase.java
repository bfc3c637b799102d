package io.couchgate.application.port.in;

import io.couchgate.domain.Session;
import java.util.Optional;

/** Turns a bearer token into its live session and CouchDB credentials (architecture flow 5). */
public interface ResolveDatabaseCredentialsUseCase {

    /**
     * @param bearerToken the compact JWS from {@code Authorization: Bearer}
     * @return the live session, or empty when the token is invalid, expired, of another instance, or revoked
     */
    Optional<Session> resolve(String bearerToken);

    /**
     * {@link #resolve} for a caller on a thread that must not wait for I/O (an event loop): verifies the token (CPU
     * only) and looks the session up in memory only.
     *
     * @param bearerToken the compact JWS from {@code Authorization: Bearer}
     * @return {@code resolve}'s answer when it is known without I/O; empty when only {@link #resolve} can tell (a
     *         durable session not cached on this instance, or not re-checked lately while the sessions feed is down)
     */
    Optional<Optional<Session>> resolveWithoutWaiting(String bearerToken);
}
