package io.couchgate.domain;

/** A username breaks one of {@link Username}'s rules; the message names the rule, never echoes secrets. */
public class InvalidUsernameException extends IllegalArgumentException {

    /** @param rule which rule was broken, e.g. "usernames may not mix scripts (Latin and Cyrillic)" */
    public InvalidUsernameException(String rule) {
        super(rule);
    }
}
