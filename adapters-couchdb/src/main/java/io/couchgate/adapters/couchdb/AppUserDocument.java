package io.couchgate.adapters.couchdb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A name's document in {@code app_users}: an account, or the deletion mark a deleted account leaves (only
 * {@code username} and {@code deleted_at}: no password hash is kept).
 *
 * @param id {@code user:<username>}
 * @param rev the revision when replacing, else null
 * @param username the normalised username
 * @param passwordHash the Argon2id PHC string; null in a deletion mark
 * @param createdAt ISO-8601 instant, e.g. {@code 2026-01-02T03:04:05.678Z}; null in a deletion mark
 * @param deletedAt ISO-8601 instant the account was deleted; null in an account
 * @param passwordChangeRequired {@code true} while the password is a one-time password set by the admin CLI's
 *                               {@code reset-password}; null (left out) otherwise, as in documents written before
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
record AppUserDocument(@JsonProperty("_id") String id,
                       @JsonProperty("_rev") String rev,
                       @JsonProperty("username") String username,
                       @JsonProperty("password_hash") String passwordHash,
                       @JsonProperty("created_at") String createdAt,
                       @JsonProperty("deleted_at") String deletedAt,
                       @JsonProperty("password_change_required") Boolean passwordChangeRequired) {

    static String idOf(String username) {
        return "user:" + username;
    }

    /** @return whether the account's password must be changed at its next use (absent: no) */
    boolean requiresPasswordChange() {
        return Boolean.TRUE.equals(passwordChangeRequired);
    }

    /** @return whether this is a deleted account's mark rather than an account */
    boolean isDeletionMark() {
        return deletedAt != null;
    }
}
