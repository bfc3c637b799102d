package io.couchgate.adapters.couchdb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A session user's {@code _users} document (intro/security.html#users-documents), its password pre-hashed.
 *
 * @param id {@code org.couchdb.user:<name>}
 * @param name {@code users/<instanceId>/<username>/<sessionId>}
 * @param type {@code user}
 * @param roles {@code end_user} and {@code user:<username>}; none for a session opened with a one-time password
 * @param expiresAt when the session expires, epoch milliseconds
 * @param passwordScheme {@code pbkdf2}
 * @param iterations PBKDF2 iterations
 * @param salt 32 random hex characters
 * @param derivedKey the PBKDF2 result, lower-case hex
 * @param prf {@code sha256}, or null (left out) for CouchDB's SHA-1 default
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
record SessionUserDocument(@JsonProperty("_id") String id,
                           @JsonProperty("name") String name,
                           @JsonProperty("type") String type,
                           @JsonProperty("roles") List<String> roles,
                           @JsonProperty("couchgate_expires_at") long expiresAt,
                           @JsonProperty("password_scheme") String passwordScheme,
                           @JsonProperty("iterations") int iterations,
                           @JsonProperty("salt") String salt,
                           @JsonProperty("derived_key") String derivedKey,
                           @JsonProperty("pbkdf2_prf") String prf) {

    /** Prefix of every {@code _users} doc id. */
    static final String ID_PREFIX = "org.couchdb.user:";
}
