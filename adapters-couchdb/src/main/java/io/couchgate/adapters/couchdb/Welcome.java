package io.couchgate.adapters.couchdb;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * CouchDB's {@code GET /} answer (api/server/common.html#get--): {@code {"couchdb":"Welcome",...}}; the dev server
 * answers {@code {"express-pouchdb":"Welcome!",...}}.
 */
@Serdeable
record Welcome(@JsonProperty("couchdb") String couchdb, @JsonProperty("express-pouchdb") String expressPouchdb) {

    boolean isCouchDb() {
        return couchdb != null || expressPouchdb != null;
    }
}
