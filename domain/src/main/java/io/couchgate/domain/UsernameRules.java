package io.couchgate.domain;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rocks.xmpp.precis.InvalidCodePointException;
import rocks.xmpp.precis.InvalidDirectionalityException;
import rocks.xmpp.precis.PrecisProfiles;

/**
 * The rules of {@link Username}, applied in this order; the first one broken is the message.
 * <ol>
 *   <li>RFC 8265, section 3.3 (UsernameCaseMapped, on RFC 8264's IdentifierClass): width mapping, lower case,
 *       NFC, then every code point must be allowed (letters, digits, ASCII printable characters; no spaces,
 *       symbols, punctuation, controls or compatibility forms such as {@code ﬁ}) and the bidi rule must hold;</li>
 *   <li>of ASCII, only {@code a-z 0-9 . _ -}: {@code :} ends the {@code <username>:} prefix of document ids,
 *       {@code /} separates the parts of session user names, the rest was never allowed;</li>
 *   <li>a leading {@code _} belongs to CouchDB ({@code _users}, {@code _replicator}, {@code _admin}, ...; CouchDB
 *       refuses user names that start with it), and the first character must be a letter or digit;</li>
 *   <li>3 to 64 characters (code points), where a wide character (Chinese, Japanese, Korean) counts as two towards
 *       the 3, so that {@code 李雷} is a name but {@code al} is not;</li>
 *   <li>the confusable rules of {@link UsernameScripts} (UTS #39).</li>
 * </ol>
 * Every name valid before these rules ({@code [a-z0-9][a-z0-9._-]{2,63}}) passes them unchanged.
 */
final class UsernameRules {

    /** The old (NFKC, then lower case) names: all of them stay valid and map to themselves. */
    static final Pattern LEGACY = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");

    private static final Pattern CODE_POINT_IN_MESSAGE = Pattern.compile("0x([0-9a-fA-F]{1,6})$");
    private static final String ONLY = "usernames may contain only letters, digits, '.', '_' and '-'";

    private UsernameRules() {
    }

    /**
     * @param typed a name as typed, not null nor empty
     * @return its canonical form
     * @throws InvalidUsernameException naming the first rule broken
     */
    static String canonical(String typed) {
        String mapped = precis(typed);
        mapped.codePoints().filter(cp -> cp < 0x80 && !isAllowedAscii(cp)).findFirst()
                .ifPresent(cp -> {
                    throw new InvalidUsernameException(describe(cp));
                });
        requireFirstCharacter(mapped);
        requireLength(mapped);
        UsernameScripts.requireUnconfusable(mapped);
        return mapped;
    }

    /**
     * The old rules, for logins only: a name typed as it could be before (such as {@code ﬁle} for {@code file}).
     *
     * @param typed a name as typed
     * @return the name it was the same account as under NFKC and lower case, when that is a valid old name
     */
    static Optional<String> legacy(String typed) {
        String old = Normalizer.normalize(typed, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return LEGACY.matcher(old).matches() ? Optional.of(old) : Optional.empty();
    }

    private static String precis(String typed) {
        try {
            return PrecisProfiles.USERNAME_CASE_MAPPED.enforce(typed);
        } catch (InvalidCodePointException e) {
            Matcher hex = CODE_POINT_IN_MESSAGE.matcher(String.valueOf(e.getMessage()));
            throw new InvalidUsernameException(hex.find() ? describe(Integer.parseInt(hex.group(1), 16)) : ONLY);
        } catch (InvalidDirectionalityException e) {
            throw new InvalidUsernameException("usernames with right-to-left letters must follow the bidi rule of "
                    + "RFC 5893: start with a letter, and do not mix left-to-right letters in");
        } catch (IllegalArgumentException e) {
            throw new InvalidUsernameException(ONLY);
        }
    }

    private static boolean isAllowedAscii(int cp) {
        return cp >= 'a' && cp <= 'z' || cp >= '0' && cp <= '9' || cp == '.' || cp == '_' || cp == '-';
    }

    /** @return why a code point is refused, in words a person who typed it understands */
    static String describe(int cp) {
        String shown = new String(Character.toChars(cp));
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return "usernames may not contain a space";
        }
        int type = Character.getType(cp);
        if (type == Character.CONTROL || type == Character.FORMAT
                || UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)) {
            return "usernames may not contain invisible or control characters (" + codePoint(cp) + ")";
        }
        String compatible = Normalizer.normalize(shown, Normalizer.Form.NFKC);
        if (!compatible.equals(shown)) {
            return "usernames may not contain '" + shown + "' (" + codePoint(cp) + "), a compatibility form: type '"
                    + compatible.toLowerCase(Locale.ROOT) + "' instead";
        }
        if (isSymbolOrPunctuation(type)) {
            return "usernames may not contain the symbol '" + shown + "'; " + ONLY;
        }
        if (type == Character.SURROGATE) { // only a lone one gets here: a pair is one code point
            return "usernames must be valid Unicode: a lone surrogate (half of a UTF-16 pair) is no character ("
                    + codePoint(cp) + ")";
        }
        if (type == Character.UNASSIGNED || type == Character.PRIVATE_USE) {
            return "usernames may not contain unassigned or private-use code points (" + codePoint(cp) + ")";
        }
        return "usernames may not contain '" + shown + "' (" + codePoint(cp) + ")";
    }

    private static boolean isSymbolOrPunctuation(int type) {
        return switch (type) {
            case Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL,
                 Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    private static void requireFirstCharacter(String mapped) {
        if (mapped.startsWith("_")) {
            throw new InvalidUsernameException("names starting with _ belong to CouchDB (such as _users)");
        }
        if (!Character.isLetterOrDigit(mapped.codePointAt(0))) {
            throw new InvalidUsernameException("usernames start with a letter or digit");
        }
    }

    private static void requireLength(String mapped) {
        int length = mapped.codePointCount(0, mapped.length());
        int width = mapped.codePoints().map(UsernameRules::width).sum();
        if (width < Username.MIN_LENGTH || length > Username.MAX_LENGTH) {
            throw new InvalidUsernameException("usernames are " + Username.MIN_LENGTH + " to " + Username.MAX_LENGTH
                    + " characters (a Chinese, Japanese or Korean character counts as two towards the "
                    + Username.MIN_LENGTH + ")");
        }
    }

    /** UAX #11: wide and fullwidth characters take two columns. */
    private static int width(int cp) {
        int eaw = UCharacter.getIntPropertyValue(cp, UProperty.EAST_ASIAN_WIDTH);
        return eaw == UCharacter.EastAsianWidth.WIDE || eaw == UCharacter.EastAsianWidth.FULLWIDTH ? 2 : 1;
    }

    private static String codePoint(int cp) {
        return String.format(Locale.ROOT, "U+%04X", cp);
    }
}
