package io.couchgate.adapters.couchdb;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * {@code GET /app_users/_all_docs?include_docs=true} over the {@code user:} prefix
 * (api/database/bulk-api.html#db-all-docs).
 *
 * @param rows the rows, in id order
 */
@Serdeable
record AppUserPage(List<Row> rows) {

    AppUserPage {
        rows = rows == null ? List.of() : rows;
    }

    /**
     * @param id the doc id
     * @param doc the account or deletion mark (null if CouchDB sent none)
     */
    @Serdeable
    record Row(String id, AppUserDocument doc) {
    }
}
