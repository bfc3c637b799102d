package io.couchgate.adapters.couchdb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An account's document in {@code app_users}.
 *
 * @param id {@code user:<username>}
 * @param rev the revision when replacing, else null
 * @param username the normalised username
 * @param passwordHash the Argon2id PHC string
 * @param createdAt ISO-8601 instant, e.g. {@code 2026-01-02T03:04:05.678Z}
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
record AppUserDocument(@JsonProperty("_id") String id,
                       @JsonProperty("_rev") String rev,
                       @JsonProperty("username") String username,
                       @JsonProperty("password_hash") String passwordHash,
                       @JsonProperty("created_at") String createdAt) {

    static String idOf(String username) {
        return "user:" + username;
    }
}
