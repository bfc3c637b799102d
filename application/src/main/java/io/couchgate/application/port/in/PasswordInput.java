package io.couchgate.application.port.in;

import io.couchgate.domain.port.PasswordPolicy;

/** Checks shared by commands that carry a password. */
final class PasswordInput {

    private PasswordInput() {
    }

    static void requireLength(char[] password) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("password is required");
        }
        if (password.length > PasswordPolicy.MAX_LENGTH) {
            throw new IllegalArgumentException("password must be at most " + PasswordPolicy.MAX_LENGTH + " characters");
        }
    }
}
