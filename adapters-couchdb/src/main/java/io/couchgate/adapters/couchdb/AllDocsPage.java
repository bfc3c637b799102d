package io.couchgate.adapters.couchdb;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of {@code GET /{db}/_all_docs} (api/database/bulk-api.html#db-all-docs).
 *
 * @param rows the rows, in id order
 */
@Serdeable
record AllDocsPage(List<Row> rows) {

    AllDocsPage {
        rows = rows == null ? List.of() : rows;
    }

    /**
     * @param id the doc id
     * @param value holds the current revision
     */
    @Serdeable
    record Row(String id, Value value) {
    }

    /** @param rev the current revision */
    @Serdeable
    record Value(String rev) {
    }
}
