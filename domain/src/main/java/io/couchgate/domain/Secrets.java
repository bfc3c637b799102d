package io.couchgate.domain;

import java.util.Arrays;
import java.util.Objects;

/**
 * What couchgate keeps secret (on disk, or given by configuration): the JWT signing key, the key that encrypts
 * durable sessions' CouchDB passwords, the deployment's id, and couchgate's CouchDB admin. {@link #toString()}
 * prints no secret.
 *
 * @param jwtSecret the HS256 key, at least 32 random bytes (256 bits); defensively copied
 * @param sessionKey the AES-256-GCM key of durable sessions, exactly 32 random bytes; defensively copied
 * @param deploymentId names the deployment (every instance sharing these secrets) in durable sessions' tokens
 * @param admin couchgate's CouchDB admin
 * @param state {@link State#PENDING} until the admin is proven to exist on CouchDB, then {@link State#ACTIVE}
 */
public record Secrets(byte[] jwtSecret, byte[] sessionKey, InstanceId deploymentId, CouchCredentials admin,
                      State state) {

    /** Shortest accepted JWT key, in bytes (RFC 7518, section 3.2: at least the hash size for HS256). */
    public static final int MIN_JWT_SECRET_BYTES = 32;
    /** Length of the session key, in bytes (AES-256, NIST SP 800-38D). */
    public static final int SESSION_KEY_BYTES = 32;

    /** Where first start stands. */
    public enum State {
        /** Written, admin not yet verified on CouchDB. */
        PENDING,
        /** Admin verified. */
        ACTIVE
    }

    /**
     * @throws IllegalArgumentException if the JWT key is shorter than 32 bytes or the session key is not 32 bytes
     * @throws NullPointerException if the deployment id, admin or state is null
     */
    public Secrets {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(state, "state");
        if (jwtSecret == null || jwtSecret.length < MIN_JWT_SECRET_BYTES) {
            throw new IllegalArgumentException("JWT secret must be at least 32 bytes");
        }
        if (sessionKey == null || sessionKey.length != SESSION_KEY_BYTES) {
            throw new IllegalArgumentException("session key must be exactly 32 bytes");
        }
        jwtSecret = jwtSecret.clone();
        sessionKey = sessionKey.clone();
    }

    @Override
    public byte[] jwtSecret() {
        return jwtSecret.clone();
    }

    @Override
    public byte[] sessionKey() {
        return sessionKey.clone();
    }

    /** @return the same secrets in state ACTIVE */
    public Secrets activate() {
        return new Secrets(jwtSecret, sessionKey, deploymentId, admin, State.ACTIVE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secrets s && Arrays.equals(jwtSecret, s.jwtSecret)
                && Arrays.equals(sessionKey, s.sessionKey) && deploymentId.equals(s.deploymentId)
                && admin.equals(s.admin) && state == s.state;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(jwtSecret), Arrays.hashCode(sessionKey), deploymentId, admin, state);
    }

    @Override
    public String toString() {
        return "Secrets[jwtSecret=<redacted>, sessionKey=<redacted>, deploymentId=" + deploymentId + ", admin="
                + admin + ", state=" + state + "]";
    }
}
