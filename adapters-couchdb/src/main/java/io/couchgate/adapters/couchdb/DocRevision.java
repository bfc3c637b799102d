package io.couchgate.adapters.couchdb;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Just the revision of a stored document; other fields are ignored.
 *
 * @param rev the {@code _rev}
 */
@Serdeable
record DocRevision(@JsonProperty("_rev") String rev) {
}
