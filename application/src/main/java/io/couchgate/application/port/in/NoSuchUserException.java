package io.couchgate.application.port.in;

import io.couchgate.domain.Username;

/** An administrative action named an account that does not exist (never was, or deleted). */
public class NoSuchUserException extends RuntimeException {

    /** @param username the name that has no account */
    public NoSuchUserException(Username username) {
        super("no such user: " + username);
    }
}
