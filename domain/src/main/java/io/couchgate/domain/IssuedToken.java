package io.couchgate.domain;

import java.time.Instant;

/**
 * A signed session token as handed to the client. {@link #toString()} does not print the token.
 *
 * @param value the compact JWS (RFC 7515), sent back as {@code Authorization: Bearer <value>}
 * @param expiresAt its {@code exp}
 */
public record IssuedToken(String value, Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedToken[value=<redacted>, expiresAt=" + expiresAt + "]";
    }
}
