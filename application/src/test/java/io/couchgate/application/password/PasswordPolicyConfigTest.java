package io.couchgate.application.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordPolicyConfigTest {

    @Test
    void minLength_isAcceptedFrom1To1024_inclusive() {
        assertThat(new PasswordPolicyConfig(1, 40).minLength()).isEqualTo(1);
        assertThat(new PasswordPolicyConfig(1024, 40).minLength()).isEqualTo(1024);
    }

    @Test
    void minLength_outside1To1024_isRefused() {
        for (int length : new int[] {0, -1, 1025}) {
            assertThatThrownBy(() -> new PasswordPolicyConfig(length, 40))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("password min-length must be between 1 and 1024");
        }
    }

    @Test
    void minEntropyBits_ofZero_isAccepted_butNegativeNaNOrInfinite_isRefused() {
        assertThat(new PasswordPolicyConfig(12, 0).minEntropyBits()).isZero();
        for (double bits : new double[] {-0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new PasswordPolicyConfig(12, bits))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("password min-entropy-bits must be a finite number >= 0");
        }
    }
}
