package io.couchgate.adapters.couchdb;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One answer of {@code GET /{db}/_changes} in the {@code normal} or {@code longpoll} feed
 * (api/database/changes.html). Sequences are opaque: text in CouchDB 2 and later, numbers in CouchDB 1 and PouchDB.
 *
 * @param results the changes, in sequence order
 * @param lastSeq the sequence to resume from
 */
@Serdeable
record ChangesPage(List<Change> results, @JsonProperty("last_seq") Object lastSeq) {

    ChangesPage {
        results = results == null ? List.of() : results;
    }

    /**
     * @param id the changed doc's id
     * @param deleted true when the change is a deletion
     */
    @Serdeable
    record Change(String id, Boolean deleted) {

        boolean isDeletion() {
            return Boolean.TRUE.equals(deleted);
        }
    }
}
