package io.couchgate.application.password;

import java.nio.CharBuffer;
import java.text.Normalizer;
import java.util.Arrays;

/**
 * Unicode NFKC normalisation of passwords before hashing and before verifying (NIST SP 800-63B, section 5.1.1.2),
 * so that a password typed on another keyboard or platform still matches.
 */
public final class PasswordNormalization {

    private PasswordNormalization() {
    }

    /**
     * An ASCII-only password (already NFKC) is copied without ever becoming a {@code String}; any other goes
     * through {@link Normalizer}, which works on an immutable {@code String} that cannot be wiped.
     *
     * @param password the password as typed; not changed
     * @return a new array holding the NFKC form; the caller wipes it with {@link #wipe(char[])}
     */
    public static char[] nfkc(char[] password) {
        if (isAscii(password)) {
            return password.clone();
        }
        return Normalizer.normalize(CharBuffer.wrap(password), Normalizer.Form.NFKC).toCharArray();
    }

    /**
     * A lone (unpaired) UTF-16 surrogate is no Unicode character: normalising or encoding it as UTF-8 turns it into
     * a replacement character, so two different passwords would become one. Such a password is invalid input.
     *
     * @param password the password as typed
     * @return true when {@code password} holds a high surrogate not followed by a low one, or a low surrogate not
     *         preceded by a high one
     */
    public static boolean hasUnpairedSurrogate(char[] password) {
        for (int i = 0; i < password.length; i++) {
            char c = password[i];
            if (Character.isHighSurrogate(c) && i + 1 < password.length && Character.isLowSurrogate(password[i + 1])) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** @param secret an array to overwrite with zeros; null is ignored */
    public static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }

    /** @param secret an array to overwrite with zeros; null is ignored */
    public static void wipe(byte[] secret) {
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static boolean isAscii(char[] password) {
        for (char c : password) {
            if (c >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
