package io.couchgate.application.port.in;

/** couchgate cannot take charge of CouchDB; the message is one line that says what to do, with no secret. */
public class ProvisioningException extends RuntimeException {

    /** @param message one line naming the cause and the fix */
    public ProvisioningException(String message) {
        super(message);
    }
}
