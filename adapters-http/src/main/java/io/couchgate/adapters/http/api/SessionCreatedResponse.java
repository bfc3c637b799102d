package io.couchgate.adapters.http.api;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Body of {@code 201} to {@code PUT /api/sessions}.
 *
 * @param token the compact JWS to send as {@code Authorization: Bearer <token>}
 * @param tokenType always {@code Bearer}
 * @param expiresAt the token's expiry, ISO-8601 in UTC (e.g. {@code 2026-12-06T19:00:00Z})
 * @param username the normalised username
 * @param passwordChangeRequired true when the password was a one-time password: the session may then only read
 *                               itself, change the password, log out or delete the account
 */
@Serdeable.Serializable
record SessionCreatedResponse(String token, String tokenType, String expiresAt, String username,
                              boolean passwordChangeRequired) {
}
