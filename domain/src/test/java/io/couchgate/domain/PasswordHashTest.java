package io.couchgate.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PasswordHashTest {

    private static final String SALT = "c2FsdHNhbHRzYWx0c2FsdA";
    private static final String HASH = "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";
    private static final String OWASP = "$argon2id$v=19$m=19456,t=2,p=1$" + SALT + "$" + HASH;

    @Test
    void parsesParametersSaltAndHash() {
        PasswordHash hash = new PasswordHash(OWASP);
        assertThat(hash.parameters()).isEqualTo(new HashParameters(19456, 2, 1));
        assertThat(hash.saltBase64()).isEqualTo(SALT);
        assertThat(hash.hashBase64()).isEqualTo(HASH);
    }

    @Test
    void isNotOutdated_underTheParametersItWasMadeWith() {
        assertThat(new PasswordHash(OWASP).isOutdated(HashParameters.OWASP_MINIMUM)).isFalse();
    }

    @Test
    void isOutdated_whenAnyParameterDiffers() {
        PasswordHash hash = new PasswordHash(OWASP);
        assertThat(hash.isOutdated(new HashParameters(65536, 2, 1))).isTrue();
        assertThat(hash.isOutdated(new HashParameters(19456, 3, 1))).isTrue();
        assertThat(hash.isOutdated(new HashParameters(19456, 2, 2))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "$argon2id$v=16$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "$argon2id$v=19$m=19456,t=2$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA",
        "$2b$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234"
    })
    void refusesAnythingButAnArgon2idV19PhcString(String text) {
        assertThatThrownBy(() -> new PasswordHash(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("password hash must be an Argon2id v19 PHC string");
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> new PasswordHash(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("password hash must be an Argon2id v19 PHC string");
    }

    @Test
    void hashParameters_refuseValuesBelowRfc9106Minimums() {
        assertThatThrownBy(() -> new HashParameters(15, 1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Argon2id needs p >= 1, t >= 1 and m >= 8 * p KiB");
        assertThatThrownBy(() -> new HashParameters(64, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HashParameters(64, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new HashParameters(16, 1, 2).memoryKiB()).isEqualTo(16);
    }

    @Test
    void owaspMinimum_isM19456T2P1() {
        assertThat(HashParameters.OWASP_MINIMUM).isEqualTo(new HashParameters(19456, 2, 1));
    }
}
