package io.couchgate.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A signup invitation's secret code, as an administrator hands it out: URL-safe text (RFC 4648 section 5 alphabet,
 * {@code A-Z a-z 0-9 - _}), 16 to 128 characters; couchgate makes them from 16 random bytes (128 bits, 22
 * characters). Only its {@link #hash()} is ever stored; {@link #toString()} never prints the code.
 *
 * @param value the code as typed
 */
public record InvitationCode(String value) {

    private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9_-]{16,128}");

    /** @throws IllegalArgumentException if the code is not 16 to 128 URL-safe characters (no reason names it) */
    public InvitationCode {
        Objects.requireNonNull(value, "value");
        if (!URL_SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException("an invitation code is 16 to 128 characters of A-Z a-z 0-9 - _");
        }
    }

    /**
     * @return the lower-case hex SHA-256 of the code's UTF-8 bytes (64 characters): what the store keeps. A fast hash
     *     is enough because the code carries at least 128 random bits (no dictionary to try).
     */
    public String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "InvitationCode[<redacted>]";
    }
}
