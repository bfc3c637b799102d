package io.couchgate.adapters.http.api;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Body of {@code 200} to {@code PUT /api/users/current/password} from a session opened with a one-time password:
 * that session has ended with the others, and the client logs in again with the new password.
 *
 * @param loginRequired always {@code true}: the calling session's token no longer works
 */
@Serdeable.Serializable
record PasswordChangedResponse(boolean loginRequired) {
}
