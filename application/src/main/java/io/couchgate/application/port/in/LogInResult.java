package io.couchgate.application.port.in;

import io.couchgate.domain.IssuedToken;
import io.couchgate.domain.SessionId;
import io.couchgate.domain.Username;

/**
 * A successful login.
 *
 * @param token the signed session token and its expiry
 * @param username the normalised username
 * @param sessionId the new session
 */
public record LogInResult(IssuedToken token, Username username, SessionId sessionId) {
}
