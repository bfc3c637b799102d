package io.couchgate.application.port.in;

/**
 * Signup mode {@code invite}: the signup carries no invitation code, or one that is unknown, expired, used or
 * revoked. Nothing was changed. The message says which, without the code.
 */
public class InvitationInvalidException extends RuntimeException {

    /** @param reason e.g. "an invitation code is required" */
    public InvitationInvalidException(String reason) {
        super(reason);
    }
}
