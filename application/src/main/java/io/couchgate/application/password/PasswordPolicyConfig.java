package io.couchgate.application.password;

import io.couchgate.domain.port.PasswordPolicy;

/**
 * Settings of {@link NbvcxzPasswordPolicy} ({@code couchgate.password.*}).
 *
 * @param minLength shortest accepted password, in Unicode code points after NFKC (NIST SP 800-63B asks at least 8;
 *                  default 12)
 * @param minEntropyBits least estimated entropy, in bits (log2 of the guesses nbvcxz estimates; default 40)
 */
public record PasswordPolicyConfig(int minLength, double minEntropyBits) {

    /** minLength 12, minEntropyBits 40. */
    public static final PasswordPolicyConfig DEFAULT = new PasswordPolicyConfig(12, 40);

    /** @throws IllegalArgumentException if minLength is not 1..1024 or minEntropyBits is negative or not a number */
    public PasswordPolicyConfig {
        if (minLength < 1 || minLength > PasswordPolicy.MAX_LENGTH) {
            throw new IllegalArgumentException("password min-length must be between 1 and 1024");
        }
        if (!(minEntropyBits >= 0) || Double.isInfinite(minEntropyBits)) {
            throw new IllegalArgumentException("password min-entropy-bits must be a finite number >= 0");
        }
    }
}
