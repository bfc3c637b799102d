package io.couchgate.domain;

import io.couchgate.domain.port.RandomSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
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

    /**
     * A one-way name for this session that reveals no token material: where it is stored (the durable session
     * store's document id) and announced (its changes feed), the session id itself never appears.
     *
     * @return the SHA-256 (FIPS 180-4) of the id's UTF-8 text, as 64 lower-case hex characters
     */
    public String digest() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
