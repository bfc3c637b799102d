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
}
