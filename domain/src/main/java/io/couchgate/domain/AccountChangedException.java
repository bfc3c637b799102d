package io.couchgate.domain;

/**
 * The account is no longer as it was read: it was deleted, or its password changed, in between. Nothing was
 * changed; the caller treats it as credentials that no longer hold.
 */
public class AccountChangedException extends RuntimeException {

    /** @param username the account that changed */
    public AccountChangedException(Username username) {
        super("the account changed meanwhile: " + username, null, false, false);
    }
}
