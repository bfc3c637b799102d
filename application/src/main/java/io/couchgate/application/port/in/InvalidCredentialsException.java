package io.couchgate.application.port.in;

/** Unknown user or wrong password: deliberately the same failure for both. */
public class InvalidCredentialsException extends RuntimeException {

    /** Creates the exception with a fixed message. */
    public InvalidCredentialsException() {
        super("invalid username or password");
    }
}
