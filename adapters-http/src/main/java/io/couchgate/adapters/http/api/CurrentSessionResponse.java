package io.couchgate.adapters.http.api;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Body of {@code 200} to {@code GET /api/sessions/current}.
 *
 * @param username the session's normalised username
 * @param expiresAt the session's expiry, ISO-8601 in UTC
 */
@Serdeable.Serializable
record CurrentSessionResponse(String username, String expiresAt) {
}
