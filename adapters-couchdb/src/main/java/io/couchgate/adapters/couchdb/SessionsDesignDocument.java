package io.couchgate.adapters.couchdb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;
import java.util.Objects;

/**
 * {@code _design/couchgate_sessions} in the sessions database: the views the durable store queries
 * (ddocs/views/intro.html).
 *
 * @param id always {@link #ID}
 * @param rev the current revision when replacing, else null
 * @param language {@code javascript}
 * @param views view name to its map function
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
record SessionsDesignDocument(@JsonProperty("_id") String id,
                              @JsonProperty("_rev") String rev,
                              @JsonProperty("language") String language,
                              @JsonProperty("views") Map<String, View> views) {

    /** The design doc's id. */
    static final String ID = "_design/couchgate_sessions";
    /** Sessions by app user: key the username. */
    static final String BY_USERNAME = "by_username";
    /** Sessions by expiry: key {@code expires_at} in epoch milliseconds. */
    static final String BY_EXPIRY = "by_expiry";

    /** @return the design doc this build wants (without {@code _rev}) */
    static SessionsDesignDocument wanted() {
        return new SessionsDesignDocument(ID, null, "javascript", Map.of(
                BY_USERNAME, new View(map("doc.username")),
                BY_EXPIRY, new View(map("doc.expires_at"))));
    }

    private static String map(String key) {
        return "function (doc) { if (doc.type === '" + SessionDocument.TYPE + "') { emit(" + key + ", null); } }";
    }

    /** @return true when this stored doc has the same language and views as {@code other} */
    boolean sameContent(SessionsDesignDocument other) {
        return Objects.equals(language, other.language) && Objects.equals(views, other.views);
    }

    /** @param map the map function's source */
    @Serdeable
    record View(@JsonProperty("map") String map) {
    }
}
