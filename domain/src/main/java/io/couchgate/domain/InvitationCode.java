package io.couchgate.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A signup invitation's secret code, as an administrator hands it out: couchgate makes them from 16 random bytes
 * (128 bits) as 22 characters of URL-safe base64 (RFC 4648 section 5, {@code A-Z a-z 0-9 - _}). Any text of 1 to
 * {@value #MAX_LENGTH} characters is accepted as a code to look up (one that was never made is simply unknown).
 * Only its {@link #hash()} is ever stored; {@link #toString()} never prints the code.
 *
 * @param value the code as typed
 */
public record InvitationCode(String value) {

    /** The longest code looked up, in characters. */
    public static final int MAX_LENGTH = 256;

    /** @throws IllegalArgumentException if the code is empty or longer than {@value #MAX_LENGTH} characters */
    public InvitationCode {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("an invitation code is 1 to " + MAX_LENGTH + " characters");
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
