package io.couchgate.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One login: who, on which instance, until when, and the CouchDB session user's credentials.
 * {@link #toString()} never prints the CouchDB password.
 *
 * @param id the session id ({@code sid}, {@code jti})
 * @param username the app user
 * @param instanceId the couchgate run that made it
 * @param issuedAt login time
 * @param expiresAt expiry time (exclusive: the session is expired at this instant)
 * @param credentials the session user's CouchDB credentials
 * @param passwordChangeRequired whether it was opened with a one-time password: such a session may only show
 *                               itself, change the password, log out or delete the account; its CouchDB session
 *                               user has no roles, and couchgate never forwards its requests to CouchDB
 */
public record Session(SessionId id, Username username, InstanceId instanceId, Instant issuedAt, Instant expiresAt,
                      CouchCredentials credentials, boolean passwordChangeRequired) {

    /** CouchDB user-name prefix shared by every couchgate session user. */
    public static final String SESSION_USER_PREFIX = "users/";

    /** @throws NullPointerException if any part is null; @throws IllegalArgumentException if it expires before issue */
    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(credentials, "credentials");
        if (expiresAt.isBefore(issuedAt)) {
            throw new IllegalArgumentException("a session cannot expire before it is issued");
        }
    }

    /**
     * An ordinary session (no password change required).
     *
     * @throws NullPointerException if any part is null; @throws IllegalArgumentException if it expires before issue
     */
    public Session(SessionId id, Username username, InstanceId instanceId, Instant issuedAt, Instant expiresAt,
                   CouchCredentials credentials) {
        this(id, username, instanceId, issuedAt, expiresAt, credentials, false);
    }

    /**
     * The CouchDB name of a session's user: {@code users/<instanceId>/<username>/<digest>}, where the last segment
     * is {@link SessionId#digest()}, so that neither {@code _users} nor a durable session doc naming this user reveals
     * the session id (see {@link SessionUserName}).
     *
     * @param instanceId the couchgate run
     * @param username the app user
     * @param id the session
     * @return the name (the {@code _users} doc id is {@code org.couchdb.user:} followed by it)
     */
    public static String sessionUserName(InstanceId instanceId, Username username, SessionId id) {
        return new SessionUserName(instanceId, username.toString(), id.digest()).name();
    }

    /**
     * @param now the current time
     * @return true from {@code expiresAt} on (not one millisecond before)
     */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
