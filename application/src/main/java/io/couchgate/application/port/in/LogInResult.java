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
 * @param passwordChangeRequired whether the password was a one-time password: the session may then only show
 *                               itself, change the password, log out or delete the account
 */
public record LogInResult(IssuedToken token, Username username, SessionId sessionId,
                          boolean passwordChangeRequired) {

    /** A login with the owner's own password (no change required). */
    public LogInResult(IssuedToken token, Username username, SessionId sessionId) {
        this(token, username, sessionId, false);
    }
}
