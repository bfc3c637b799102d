package io.couchgate.adapters.couchdb;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A page of {@code _all_docs} or of a view, queried with {@code include_docs=true}
 * (api/database/bulk-api.html#db-all-docs, api/ddoc/views.html).
 *
 * @param rows the rows, in key order
 */
@Serdeable
record SessionPage(List<Row> rows) {

    SessionPage {
        rows = rows == null ? List.of() : rows;
    }

    /**
     * @param id the doc id
     * @param doc the document (null if CouchDB sent none, e.g. for a deleted one)
     */
    @Serdeable
    record Row(String id, SessionDocument doc) {
    }
}
