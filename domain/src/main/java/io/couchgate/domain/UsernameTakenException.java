package io.couchgate.domain;

/** An account with this (normalised) username exists already. */
public class UsernameTakenException extends RuntimeException {

    /** @param username the name that is taken */
    public UsernameTakenException(Username username) {
        super("username is taken: " + username);
    }
}
