package io.couchgate.adapters.couchdb;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The answer to a document write ({@code {"ok":true,"id":...,"rev":...}}); other fields are ignored.
 *
 * @param rev the new revision
 */
@Serdeable
record Revision(String rev) {
}
