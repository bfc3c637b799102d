package io.couchgate.adapters.couchdb;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code GET /{db}} (api/database/common.html#get--db); other fields are ignored.
 *
 * @param updateSeq the database's current update sequence (opaque text, or a number on CouchDB 1 and PouchDB)
 */
@Serdeable
record DatabaseInfo(@JsonProperty("update_seq") Object updateSeq) {
}
