package io.couchgate.adapters.couchdb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A signup invitation in {@code app_users}: {@code _id} {@code invitation:<sha-256 hex of the code>}, never the code.
 *
 * @param id {@code invitation:<hash>}
 * @param rev the revision when read; null when writing a new one
 * @param type always {@code invitation}
 * @param createdAt ISO-8601 instant
 * @param expiresAt ISO-8601 instant from which it is refused
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
record InvitationDocument(@JsonProperty("_id") String id,
                          @JsonProperty("_rev") String rev,
                          @JsonProperty("type") String type,
                          @JsonProperty("created_at") String createdAt,
                          @JsonProperty("expires_at") String expiresAt) {

    static final String ID_PREFIX = "invitation:";
    static final String TYPE = "invitation";
}
