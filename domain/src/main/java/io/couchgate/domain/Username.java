package io.couchgate.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An app user's name, normalised: Unicode NFKC, then lower case (ROOT locale).
 * Two spellings that normalise alike are the same account.
 *
 * @param value the normalised name: 3 to 64 characters of {@code a-z 0-9 . _ -}, starting with a letter or digit
 */
public record Username(String value) {

    /** Shortest accepted name, in characters. */
    public static final int MIN_LENGTH = 3;
    /** Longest accepted name, in characters. */
    public static final int MAX_LENGTH = 64;

    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9._-]+");

    /**
     * Checks that {@code value} is already normalised and valid.
     *
     * @throws InvalidUsernameException naming the rule broken
     */
    public Username {
        requireValid(value);
        if (!value.equals(normalise(value))) {
            throw new InvalidUsernameException("username must be normalised (NFKC, lower case)");
        }
    }

    /**
     * Normalises and checks a name as typed by a user.
     *
     * @param raw the name as typed; may be null
     * @return the normalised username
     * @throws InvalidUsernameException naming the rule broken (required, length, characters, first character)
     */
    public static Username of(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidUsernameException("username is required");
        }
        return new Username(normalise(raw));
    }

    private static String normalise(String raw) {
        return Normalizer.normalize(raw, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    private static void requireValid(String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidUsernameException("username is required");
        }
        int length = value.codePointCount(0, value.length());
        if (length < MIN_LENGTH) {
            throw new InvalidUsernameException("username must be at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            throw new InvalidUsernameException("username must be at most " + MAX_LENGTH + " characters");
        }
        if (!ALLOWED.matcher(value).matches()) {
            throw new InvalidUsernameException("username may contain only a-z, 0-9, '.', '_' and '-'");
        }
        if (!Character.isLetterOrDigit(value.charAt(0))) {
            throw new InvalidUsernameException("username must start with a letter or digit");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
