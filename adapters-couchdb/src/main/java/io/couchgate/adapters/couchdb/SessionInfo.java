package io.couchgate.adapters.couchdb;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * {@code GET /_session} answer (api/server/authn.html#get--_session): {@code {"ok":true,"userCtx":{...}}}.
 *
 * @param userCtx who CouchDB thinks the caller is
 */
@Serdeable
record SessionInfo(@JsonProperty("userCtx") UserContext userCtx) {

    boolean hasRole(String role) {
        return userCtx != null && userCtx.roles() != null && userCtx.roles().contains(role);
    }

    /**
     * @param name the user name, null when anonymous
     * @param roles the roles
     */
    @Serdeable
    record UserContext(String name, List<String> roles) {
    }
}
