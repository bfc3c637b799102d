package io.couchgate.adapters.couchdb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One durable session in the sessions database. Neither the session id nor the session user's password is
 * stored in the clear: both are {@link SessionCipher} output.
 *
 * @param id the session's {@code SessionId.digest()}
 * @param rev the current revision (read only; null, left out, when writing a new document)
 * @param type always {@link #TYPE}
 * @param version the document format, {@link #VERSION}
 * @param username the app user
 * @param instance the instance (deployment) id, UUID text
 * @param issuedAt login time, epoch milliseconds
 * @param expiresAt expiry, epoch milliseconds
 * @param user the session user's CouchDB name
 * @param sid the session id, encrypted (associated data: the digest)
 * @param password the session user's CouchDB password, encrypted (associated data: the session id)
 * @param passwordChangeRequired {@code true} for a session opened with a one-time password; null (left out)
 *                               otherwise, as in documents written before the field existed
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
record SessionDocument(@JsonProperty("_id") String id,
                       @JsonProperty("_rev") String rev,
                       @JsonProperty("type") String type,
                       @JsonProperty("v") Integer version,
                       @JsonProperty("username") String username,
                       @JsonProperty("instance") String instance,
                       @JsonProperty("issued_at") Long issuedAt,
                       @JsonProperty("expires_at") Long expiresAt,
                       @JsonProperty("user") String user,
                       @JsonProperty("sid") String sid,
                       @JsonProperty("password") String password,
                       @JsonProperty("password_change_required") Boolean passwordChangeRequired) {

    /** The {@code type} of every session document. */
    static final String TYPE = "session";
    /** The format written by this build. */
    static final int VERSION = 1;

    @Override
    public String toString() {
        return "SessionDocument[id=" + id + ", username=" + username + ", secrets=<encrypted>]";
    }
}
