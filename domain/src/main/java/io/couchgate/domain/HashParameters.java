package io.couchgate.domain;

/**
 * Argon2id cost parameters (RFC 9106, section 3.1).
 *
 * @param memoryKiB memory cost {@code m}, in KiB (at least 8 × parallelism)
 * @param iterations time cost {@code t}, passes over memory (at least 1)
 * @param parallelism lanes {@code p} (at least 1)
 */
public record HashParameters(int memoryKiB, int iterations, int parallelism) {

    /** OWASP's minimum for Argon2id: m = 19456 KiB, t = 2, p = 1. */
    public static final HashParameters OWASP_MINIMUM = new HashParameters(19456, 2, 1);

    /** @throws IllegalArgumentException if a parameter is below RFC 9106's minimum */
    public HashParameters {
        if (parallelism < 1 || iterations < 1 || memoryKiB < 8 * parallelism) {
            throw new IllegalArgumentException("Argon2id needs p >= 1, t >= 1 and m >= 8 * p KiB");
        }
    }
}
