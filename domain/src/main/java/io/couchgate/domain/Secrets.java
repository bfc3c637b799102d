package io.couchgate.domain;

import java.util.Arrays;
import java.util.Objects;

/**
 * What couchgate keeps on disk: the JWT signing key and its CouchDB admin. {@link #toString()} prints no secret.
 *
 * @param jwtSecret the HS256 key, 32 random bytes (256 bits); defensively copied
 * @param admin couchgate's CouchDB admin
 * @param state {@link State#PENDING} until the admin is proven to exist on CouchDB, then {@link State#ACTIVE}
 */
public record Secrets(byte[] jwtSecret, CouchCredentials admin, State state) {

    /** Shortest accepted JWT key, in bytes (RFC 7518, section 3.2: at least the hash size for HS256). */
    public static final int MIN_JWT_SECRET_BYTES = 32;

    /** Where first start stands. */
    public enum State {
        /** Written, admin not yet verified on CouchDB. */
        PENDING,
        /** Admin verified. */
        ACTIVE
    }

    /** @throws IllegalArgumentException if the key is shorter than 32 bytes */
    public Secrets {
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(state, "state");
        if (jwtSecret == null || jwtSecret.length < MIN_JWT_SECRET_BYTES) {
            throw new IllegalArgumentException("JWT secret must be at least 32 bytes");
        }
        jwtSecret = jwtSecret.clone();
    }

    @Override
    public byte[] jwtSecret() {
        return jwtSecret.clone();
    }

    /** @return the same secrets in state ACTIVE */
    public Secrets activate() {
        return new Secrets(jwtSecret, admin, State.ACTIVE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secrets s && Arrays.equals(jwtSecret, s.jwtSecret) && admin.equals(s.admin)
                && state == s.state;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(jwtSecret), admin, state);
    }

    @Override
    public String toString() {
        return "Secrets[jwtSecret=<redacted>, admin=" + admin + ", state=" + state + "]";
    }
}
