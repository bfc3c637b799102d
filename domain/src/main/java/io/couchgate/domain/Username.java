package io.couchgate.domain;

import java.util.List;
import java.util.Optional;

/**
 * An app user's name, in the canonical form of RFC 8265's UsernameCaseMapped profile (section 3.3: width mapping,
 * lower case, NFC; letters and digits of any script), with couchgate's own rules on top (see
 * {@link UsernameRules}: of ASCII only {@code a-z 0-9 . _ -}, no leading {@code _}, 3 to 64 characters, no
 * confusable mixing of scripts). Two spellings that map alike are the same account ({@code Jürgen} and
 * {@code JÜRGEN}). Every name valid under the earlier rules (NFKC, lower case, {@code a-z 0-9 . _ -}) is valid and
 * unchanged.
 *
 * @param value the canonical name
 */
public record Username(String value) {

    /** Shortest accepted name, in characters (a wide Chinese, Japanese or Korean character counts as two). */
    public static final int MIN_LENGTH = 3;
    /** Longest accepted name, in characters (code points). */
    public static final int MAX_LENGTH = 64;

    /** Names no new account may take, nor any name that looks like them (same UTS #39 skeleton). */
    private static final List<String> RESERVED = List.of("admin", "administrator", "root");
    /** No new account's name may start with this, nor look as if it did. */
    private static final String RESERVED_PREFIX = "couchgate";

    /**
     * Checks that {@code value} is already canonical and valid (a stored or signed name).
     *
     * @throws InvalidUsernameException naming the rule broken
     */
    public Username {
        if (value == null || value.isEmpty()) {
            throw new InvalidUsernameException("username is required");
        }
        if (!value.equals(UsernameRules.canonical(value))) {
            throw new InvalidUsernameException("username must be normalised (RFC 8265 UsernameCaseMapped)");
        }
    }

    /**
     * Maps and checks a name as typed by a user.
     *
     * @param raw the name as typed; may be null
     * @return the canonical username
     * @throws InvalidUsernameException naming the first rule broken (required, characters, first character, length,
     *         scripts)
     */
    public static Username of(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidUsernameException("username is required");
        }
        return new Username(UsernameRules.canonical(raw));
    }

    /**
     * The account a login names. First {@link #of}; when that refuses the name, the rules names had before (NFKC,
     * then lower case) are tried, so that whatever reached an account then still does: {@code ﬁle} and {@code Ⅻ}
     * log in as {@code file} and {@code xii}, though no new account may be called that way.
     *
     * @param typed the name as typed; may be null
     * @return the account's name, or empty when the name can belong to no account
     */
    public static Optional<Username> forLogIn(String typed) {
        try {
            return Optional.of(of(typed));
        } catch (InvalidUsernameException e) {
            return typed == null ? Optional.empty() : UsernameRules.legacy(typed).map(Username::new);
        }
    }

    /**
     * The signup-only rule: existing accounts with such names keep working, new ones may not take them.
     *
     * @throws InvalidUsernameException "the name admin is reserved" for {@code admin}, {@code administrator},
     *         {@code root}, names starting with {@code couchgate}, and names that look like one of them
     */
    public void requireNotReserved() {
        String skeleton = UsernameScripts.skeleton(value);
        for (String reserved : RESERVED) {
            if (skeleton.equals(UsernameScripts.skeleton(reserved))) {
                throw reserved(value.equals(reserved) ? "" : " (it looks like " + reserved + ")");
            }
        }
        if (skeleton.startsWith(UsernameScripts.skeleton(RESERVED_PREFIX))) {
            throw reserved(" (names starting with " + RESERVED_PREFIX + " are"
                    + (value.startsWith(RESERVED_PREFIX) ? "" : ", and this one looks like it does") + ")");
        }
    }

    private InvalidUsernameException reserved(String why) {
        return new InvalidUsernameException("the name " + value + " is reserved" + why);
    }

    @Override
    public String toString() {
        return value;
    }
}
