package io.couchgate.adapters.couchdb;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * {@code GET /couchgate_instances/_all_docs?include_docs=true} (api/database/bulk-api.html#db-all-docs).
 *
 * @param rows the rows, in id order
 */
@Serdeable
record LeasePage(List<Row> rows) {

    LeasePage {
        rows = rows == null ? List.of() : rows;
    }

    /**
     * @param id the doc id
     * @param doc the lease document (null if CouchDB sent none)
     */
    @Serdeable
    record Row(String id, LeaseDocument doc) {
    }
}
