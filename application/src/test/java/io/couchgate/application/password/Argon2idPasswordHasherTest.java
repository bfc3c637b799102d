package io.couchgate.application.password;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.application.testing.CheapHashing;
import io.couchgate.domain.HashParameters;
import io.couchgate.domain.PasswordHash;
import io.couchgate.domain.port.testing.CountingRandomSource;
import io.couchgate.domain.port.testing.FixedRandomSource;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class Argon2idPasswordHasherTest {

    // Reference vectors of phc-winner-argon2 (src/test.c): password "password", salt "somesalt".
    private static final String REFERENCE_M256 =
            "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";
    private static final String REFERENCE_M65536 =
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

    private final Argon2idPasswordHasher cheap =
            new Argon2idPasswordHasher(new CountingRandomSource(), CheapHashing.PARAMETERS);

    @Test
    void hash_isAPhcStringWithItsParameters_the16ByteSalt_andA32ByteHash_unpaddedBase64() {
        Argon2idPasswordHasher hasher = new Argon2idPasswordHasher(new FixedRandomSource((byte) 0x61),
                CheapHashing.PARAMETERS);
        PasswordHash hash = hasher.hash("correct horse battery staple".toCharArray());
        assertThat(hash.phc()).startsWith("$argon2id$v=19$m=64,t=1,p=1$YWFhYWFhYWFhYWFhYWFhYQ$");
        assertThat(hash.hashBase64()).hasSize(43).doesNotContain("=");
        assertThat(Base64.getDecoder().decode(hash.hashBase64())).hasSize(32);
    }

    @Test
    void verify_acceptsTheRightPassword_andRefusesAnother() {
        PasswordHash hash = cheap.hash("correct horse battery staple".toCharArray());
        assertThat(cheap.verify("correct horse battery staple".toCharArray(), hash)).isTrue();
        assertThat(cheap.verify("correct horse battery stapler".toCharArray(), hash)).isFalse();
        assertThat(cheap.verify("".toCharArray(), hash)).isFalse();
    }

    @Test
    void verify_acceptsTheArgon2ReferenceImplementationsVectors() {
        assertThat(cheap.verify("password".toCharArray(), new PasswordHash(REFERENCE_M256))).isTrue();
        assertThat(cheap.verify("password".toCharArray(), new PasswordHash(REFERENCE_M65536))).isTrue();
        assertThat(cheap.verify("passwore".toCharArray(), new PasswordHash(REFERENCE_M256))).isFalse();
    }

    @Test
    void hash_reproducesTheReferenceVector_byteForByte_givenItsSaltAndParameters() {
        // A source that ignores the length asked and answers the vector's 8-byte salt.
        Argon2idPasswordHasher hasher = new Argon2idPasswordHasher(count -> "somesalt".getBytes(),
                new HashParameters(256, 2, 1));
        assertThat(hasher.hash("password".toCharArray()).phc()).isEqualTo(REFERENCE_M256);
    }

    @Test
    void samePassword_getsADifferentSaltAndHashEachTime() {
        PasswordHash first = cheap.hash("same password".toCharArray());
        PasswordHash second = cheap.hash("same password".toCharArray());
        assertThat(first.saltBase64()).isNotEqualTo(second.saltBase64());
        assertThat(first.hashBase64()).isNotEqualTo(second.hashBase64());
    }

    @Test
    void verify_usesTheStoredHashsOwnParameters() {
        Argon2idPasswordHasher newer = new Argon2idPasswordHasher(new CountingRandomSource(), CheapHashing.NEWER);
        PasswordHash old = cheap.hash("s3cret password".toCharArray());
        assertThat(newer.verify("s3cret password".toCharArray(), old)).isTrue();
    }

    @Test
    void needsRehash_onlyWhenTheParametersDiffer() {
        Argon2idPasswordHasher newer = new Argon2idPasswordHasher(new CountingRandomSource(), CheapHashing.NEWER);
        PasswordHash old = cheap.hash("s3cret password".toCharArray());
        assertThat(cheap.needsRehash(old)).isFalse();
        assertThat(newer.needsRehash(old)).isTrue();
    }

    @Test
    void nonAsciiPasswords_roundTrip() {
        PasswordHash hash = cheap.hash("pässwörd-日本語-😀".toCharArray());
        assertThat(cheap.verify("pässwörd-日本語-😀".toCharArray(), hash)).isTrue();
        assertThat(cheap.verify("password-日本語-😀".toCharArray(), hash)).isFalse();
    }

    /** The hash is of the password's UTF-8 bytes (RFC 9106 takes bytes): computed here by BouncyCastle directly. */
    @Test
    void nonAsciiPasswords_areHashedAsUtf8() {
        String password = "pässwörd-日本語-😀";
        byte[] salt = new byte[Argon2idPasswordHasher.SALT_BYTES];
        java.util.Arrays.fill(salt, (byte) 0x61);
        org.bouncycastle.crypto.generators.Argon2BytesGenerator generator =
                new org.bouncycastle.crypto.generators.Argon2BytesGenerator();
        generator.init(new org.bouncycastle.crypto.params.Argon2Parameters.Builder(
                org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
                .withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(64).withIterations(1).withParallelism(1).withSalt(salt).build());
        byte[] expected = new byte[Argon2idPasswordHasher.HASH_BYTES];
        generator.generateBytes(password.getBytes(java.nio.charset.StandardCharsets.UTF_8), expected);

        Argon2idPasswordHasher hasher = new Argon2idPasswordHasher(new FixedRandomSource((byte) 0x61),
                CheapHashing.PARAMETERS);

        assertThat(hasher.hash(password.toCharArray()).hashBase64())
                .isEqualTo(Base64.getEncoder().withoutPadding().encodeToString(expected));
    }

    @Test
    void hashAndVerify_leaveTheCallersPasswordUntouched() {
        char[] password = "leave me alone".toCharArray();
        PasswordHash hash = cheap.hash(password);
        cheap.verify(password, hash);
        assertThat(password).containsExactly("leave me alone".toCharArray());
    }

    @Test
    void defaultParameters_areOwaspMinimum_andVerify() {
        Argon2idPasswordHasher hasher = new Argon2idPasswordHasher(new CountingRandomSource());
        PasswordHash hash = hasher.hash("correct horse battery staple".toCharArray());
        assertThat(hash.phc()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hasher.verify("correct horse battery staple".toCharArray(), hash)).isTrue();
        assertThat(hasher.needsRehash(hash)).isFalse();
    }
}
