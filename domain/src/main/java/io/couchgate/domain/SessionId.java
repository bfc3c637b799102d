package io.couchgate.domain;

import io.couchgate.domain.port.RandomSource;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * One login's id: 128 random bits, base64url without padding (RFC 4648, section 5): 22 characters.
 * It is the JWT's {@code sid} and {@code jti}.
 *
 * @param value the 22-character base64url text
 */
public record SessionId(String value) {

    /** Random bytes in a session id. */
    public static final int BYTES = 16;

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{22}");

    /** @throws IllegalArgumentException if {@code value} is not 22 base64url characters */
    public SessionId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("session id must be 22 base64url characters");
        }
    }

    /**
     * @param random the source of the 128 bits
     * @return a new random session id
     */
    public static SessionId random(RandomSource random) {
        return new SessionId(Base64.getUrlEncoder().withoutPadding().encodeToString(random.bytes(BYTES)));
    }

    @Override
    public String toString() {
        return value;
    }
}
