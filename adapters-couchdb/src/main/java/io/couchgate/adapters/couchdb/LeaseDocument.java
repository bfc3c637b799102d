package io.couchgate.adapters.couchdb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One instance's lease in {@code couchgate_instances}.
 *
 * @param id {@code instance:<uuid>}
 * @param rev the revision it replaces, or null (left out) for a new document
 * @param expiresAt when the lease lapses, epoch milliseconds
 * @param sessionsDatabase a durable deployment's sessions database; null (left out) for an instance's lease
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
record LeaseDocument(@JsonProperty("_id") String id, @JsonProperty("_rev") String rev,
                     @JsonProperty("expires_at") Long expiresAt,
                     @JsonProperty("sessions_database") String sessionsDatabase) {

    /** Prefix of every lease document id. */
    static final String ID_PREFIX = "instance:";

    /** @return an instance's lease, without a sessions database */
    static LeaseDocument lease(String id, String rev, long expiresAt) {
        return new LeaseDocument(id, rev, expiresAt, null);
    }
}
