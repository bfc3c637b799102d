package io.couchgate.adapters.couchdb;

import io.couchgate.domain.CouchDbException;

/** A durable session document whose secret fields cannot be decrypted; the message never holds their content. */
final class UndecryptableSessionException extends CouchDbException {

    /** @param message what failed, without any part of the stored value */
    UndecryptableSessionException(String message) {
        super(message);
    }
}
