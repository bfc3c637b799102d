package io.couchgate.adapters.couchdb;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * {@code GET /app_users/_all_docs?include_docs=true} over the {@code invitation:} prefix.
 *
 * @param rows the rows, in id order
 */
@Serdeable
record InvitationPage(List<Row> rows) {

    InvitationPage {
        rows = rows == null ? List.of() : rows;
    }

    /**
     * @param id the doc id
     * @param doc the invitation (null if CouchDB sent none)
     */
    @Serdeable
    record Row(String id, InvitationDocument doc) {
    }
}
