package io.couchgate.domain;

/**
 * CouchDB could not be reached, answered too slowly, or answered something an adapter did not expect.
 * Adapters wrap every HTTP-client failure in this, so none crosses a port. The message never holds
 * credentials.
 */
public class CouchDbException extends RuntimeException {

    /** @param message what failed, e.g. "PUT /app_users/user:alice answered 500" */
    public CouchDbException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause the client failure
     */
    public CouchDbException(String message, Throwable cause) {
        super(message, cause);
    }
}
