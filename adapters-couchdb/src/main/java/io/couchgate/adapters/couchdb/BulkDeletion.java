package io.couchgate.adapters.couchdb;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Body of {@code POST /{db}/_bulk_docs} (api/database/bulk-api.html#db-bulk-docs) deleting documents.
 *
 * @param docs one tombstone per document
 */
@Serdeable
record BulkDeletion(List<Tombstone> docs) {

    /**
     * @param id the doc id
     * @param rev its current revision
     * @param deleted always true
     */
    @Serdeable
    record Tombstone(@JsonProperty("_id") String id, @JsonProperty("_rev") String rev,
                     @JsonProperty("_deleted") boolean deleted) {
    }

    /**
     * One element of the {@code _bulk_docs} answer.
     *
     * @param id the doc id
     * @param ok true when written
     * @param error the error, e.g. {@code conflict}, when not
     */
    @Serdeable
    record Result(String id, Boolean ok, String error) {

        boolean succeeded() {
            return error == null && !Boolean.FALSE.equals(ok);
        }
    }
}
