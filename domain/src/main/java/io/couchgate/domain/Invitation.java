package io.couchgate.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A single-use signup invitation (signup mode {@code invite}), as stored: the hash of its code, never the code.
 *
 * @param codeHash {@link InvitationCode#hash()}: 64 lower-case hex characters
 * @param createdAt when it was made
 * @param expiresAt from this instant on it is no longer accepted; after {@code createdAt}
 */
public record Invitation(String codeHash, Instant createdAt, Instant expiresAt) {

    /** How many leading characters of the hash name an invitation in listings ({@link #id()}). */
    public static final int ID_LENGTH = 12;
    private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");

    /**
     * @throws NullPointerException if any part is null
     * @throws IllegalArgumentException if the hash is not 64 lower-case hex characters, or it expires before it
     *     was made
     */
    public Invitation {
        Objects.requireNonNull(codeHash, "codeHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!HEX_64.matcher(codeHash).matches()) {
            throw new IllegalArgumentException("codeHash must be 64 lower-case hex characters");
        }
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("an invitation must expire after it was made");
        }
    }

    /**
     * @param now the current time
     * @return true while it is accepted: {@code now} is before {@code expiresAt}
     */
    public boolean isValidAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    /** @return the first {@value #ID_LENGTH} characters of the hash: names it in listings without revealing the code */
    public String id() {
        return codeHash.substring(0, ID_LENGTH);
    }
}
