package io.couchgate.adapters.couchdb;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The PBKDF2 forms in which CouchDB verifies a pre-hashed {@code _users} password
 * (intro/security.html#password-hashing; {@code couch_passwords:pbkdf2/4}): the derived key is
 * {@code PBKDF2(prf, password, salt, iterations)} as lower-case hex, as long as the PRF's digest; the salt is
 * used as the bytes of its text (the hex characters), not decoded.
 */
enum PasswordScheme {
    /** {@code "pbkdf2_prf":"sha256"}: CouchDB 3.3 and later. */
    SHA256("sha256", "PBKDF2WithHmacSHA256", 32),
    /** No {@code pbkdf2_prf}: the dev server (PouchDB Server), chosen only by its compatibility probe. */
    SHA1(null, "PBKDF2WithHmacSHA1", 20);

    private final String prf;
    private final String algorithm;
    private final int keyBytes;

    PasswordScheme(String prf, String algorithm, int keyBytes) {
        this.prf = prf;
        this.algorithm = algorithm;
        this.keyBytes = keyBytes;
    }

    /** @return the {@code pbkdf2_prf} value to store, or null when the field must be left out */
    String prf() {
        return prf;
    }

    /**
     * @param password the plain password
     * @param salt the salt text as stored in the user doc
     * @param iterations the PBKDF2 iteration count
     * @return the derived key, lower-case hex
     */
    String derivedKey(String password, String salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), iterations,
                keyBytes * 8);
        try {
            return HexFormat.of().formatHex(SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        } finally {
            spec.clearPassword();
        }
    }
}
