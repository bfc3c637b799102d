package io.couchgate.application.port.in;

import io.couchgate.domain.port.PasswordPolicy;
import java.util.Optional;

/**
 * The one length rule for a password as typed, shared by every command that carries one and by the HTTP adapter
 * (which answers before any hashing): 1 to {@link PasswordPolicy#MAX_LENGTH} UTF-16 characters. The policy's
 * minimum length (in code points, after NFKC) is a strength rule of {@link PasswordPolicy}, not this one.
 */
public final class PasswordInput {

    private PasswordInput() {
    }

    /**
     * @param password a password as typed; null counts as empty
     * @return what is wrong with its length, worded to follow the field's name ({@code "is required"},
     *     {@code "must be at most 1024 characters"}), or empty when the length is possible
     */
    public static Optional<String> lengthProblem(char[] password) {
        if (password == null || password.length == 0) {
            return Optional.of("is required");
        }
        if (password.length > PasswordPolicy.MAX_LENGTH) {
            return Optional.of("must be at most " + PasswordPolicy.MAX_LENGTH + " characters");
        }
        return Optional.empty();
    }

    /**
     * @param password a password as typed; null counts as empty
     * @return whether some account could have it (a login with any other can only be a wrong password)
     */
    public static boolean hasPossibleLength(char[] password) {
        return lengthProblem(password).isEmpty();
    }

    /** @throws IllegalArgumentException naming {@code password} and the {@link #lengthProblem}, if any */
    static void requireLength(char[] password) {
        Optional<String> problem = lengthProblem(password);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("password " + problem.get());
        }
    }
}
