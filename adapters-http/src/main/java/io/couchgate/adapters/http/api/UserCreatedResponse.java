package io.couchgate.adapters.http.api;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Body of {@code 201} to {@code PUT /api/users}.
 *
 * @param username the normalised username of the new account
 */
@Serdeable.Serializable
record UserCreatedResponse(String username) {
}
