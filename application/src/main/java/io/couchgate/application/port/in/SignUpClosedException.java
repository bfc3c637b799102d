package io.couchgate.application.port.in;

/** Signup is closed ({@code couchgate.signup.mode: closed}). */
public class SignUpClosedException extends RuntimeException {

    /** Creates the exception with a fixed message. */
    public SignUpClosedException() {
        super("signup is closed on this server");
    }
}
