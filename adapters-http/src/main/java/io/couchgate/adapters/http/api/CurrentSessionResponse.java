package io.couchgate.adapters.http.api;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Body of {@code 200} to {@code GET /api/sessions/current}.
 *
 * @param username the session's normalised username
 * @param expiresAt the session's expiry, ISO-8601 in UTC
 * @param passwordChangeRequired true when the session was opened with a one-time password and can do nothing but
 *                               change it ({@code PUT /api/users/current/password}), log out or delete the account
 */
@Serdeable.Serializable
record CurrentSessionResponse(String username, String expiresAt, boolean passwordChangeRequired) {
}
