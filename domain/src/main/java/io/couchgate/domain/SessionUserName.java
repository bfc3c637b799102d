package io.couchgate.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * The parts of a couchgate session user's CouchDB name, {@code users/<instanceId>/<username>/<sessionKey>}
 * (see {@link Session#sessionUserName}). The last segment is the session's {@link SessionId#digest()}; users made by
 * earlier versions carry the session id itself there, so it is kept as text.
 *
 * @param instance the instance (memory mode) or deployment (couchdb mode) that made the user
 * @param username the app user's name as it appears in the name (not re-validated)
 * @param sessionKey the last segment: a session digest (64 hex characters), or an older version's session id
 */
public record SessionUserName(InstanceId instance, String username, String sessionKey) {

    /** @throws NullPointerException if any part is null */
    public SessionUserName {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(sessionKey, "sessionKey");
    }

    /**
     * @param name a CouchDB user name (without the {@code org.couchdb.user:} prefix of its {@code _users} doc id)
     * @return its parts, or empty when the name is not a couchgate session user's: outside the
     *         {@link Session#SESSION_USER_PREFIX}, fewer than three segments, or an instance segment that is no UUID
     */
    public static Optional<SessionUserName> parse(String name) {
        if (name == null || !name.startsWith(Session.SESSION_USER_PREFIX)) {
            return Optional.empty();
        }
        String[] parts = name.substring(Session.SESSION_USER_PREFIX.length()).split("/", -1);
        if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SessionUserName(InstanceId.parse(parts[0]), parts[1], parts[2]));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }

    /** @return the CouchDB user name these parts make */
    public String name() {
        return Session.SESSION_USER_PREFIX + instance + "/" + username + "/" + sessionKey;
    }
}
