package io.couchgate.domain.port;

import java.util.Base64;

/** Cryptographically strong random bytes (a {@code SecureRandom} in production). */
@FunctionalInterface
public interface RandomSource {

    /**
     * @param count how many bytes
     * @return {@code count} fresh random bytes
     */
    byte[] bytes(int count);

    /**
     * @param byteCount how many random bytes to encode (e.g. 32 for 256 bits)
     * @return those bytes as unpadded base64url text (RFC 4648, section 5)
     */
    default String base64Url(int byteCount) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(byteCount));
    }

    /**
     * @param length how many characters
     * @return random characters from {@code a-z0-9}, uniformly chosen
     */
    default String lowerAlphanumeric(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder out = new StringBuilder(length);
        while (out.length() < length) {
            for (byte b : bytes(length)) {
                int v = b & 0xff;
                if (v < 252 && out.length() < length) { // 252 = 7 * 36: no modulo bias
                    out.append(alphabet.charAt(v % alphabet.length()));
                }
            }
        }
        return out.toString();
    }
}
