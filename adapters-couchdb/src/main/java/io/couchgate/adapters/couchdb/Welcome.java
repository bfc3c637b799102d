package io.couchgate.adapters.couchdb;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * CouchDB's {@code GET /} answer (api/server/common.html#get--): {@code {"couchdb":"Welcome",...}}; the dev server
 * answers {@code {"express-pouchdb":"Welcome!",...}}.
 */
@Serdeable
record Welcome(@JsonProperty("couchdb") String couchdb, @JsonProperty("express-pouchdb") String expressPouchdb) {

    /**
     * @param compatibility which server couchgate expects
     * @return whether this is CouchDB's welcome, or with {@code pouchdb-server} compatibility the dev server's
     */
    boolean isWelcome(CouchDbCompatibility compatibility) {
        return couchdb != null || compatibility.isPouchDbServer() && expressPouchdb != null;
    }
}
