package io.couchgate.adapters.couchdb;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM (NIST SP 800-38D) of the secret fields of a durable session document: a fresh 96-bit IV from
 * {@link SecureRandom} per encryption, a 128-bit tag, stored as base64url without padding (RFC 4648, section 5)
 * of {@code iv || ciphertext || tag}. The associated data binds a field to its place (the caller chooses it), so a
 * value copied into another document or field fails to decrypt. Thread-safe.
 */
final class SessionCipher {

    /** Key length: AES-256. */
    static final int KEY_BYTES = 32;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param key the session key, exactly 32 bytes (copied)
     * @throws IllegalArgumentException if it is not 32 bytes long
     */
    SessionCipher(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the session key must be " + KEY_BYTES + " bytes (AES-256), not "
                    + key.length);
        }
        this.key = new SecretKeySpec(Arrays.copyOf(key, KEY_BYTES), "AES");
    }

    /**
     * @param plaintext the secret text (UTF-8)
     * @param associatedData what the value is bound to (authenticated, not stored)
     * @return base64url of {@code iv || ciphertext || tag}
     */
    String encrypt(String plaintext, String associatedData) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, associatedData);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is unavailable on this JVM", e);
        }
    }

    /**
     * @param stored what {@link #encrypt} returned
     * @param associatedData the same associated data as at encryption
     * @return the plaintext
     * @throws UndecryptableSessionException if the value is malformed, was altered, belongs elsewhere or was
     *         encrypted under another key (the message holds no part of it)
     */
    String decrypt(String stored, String associatedData) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(stored == null ? "" : stored);
        } catch (IllegalArgumentException e) {
            throw new UndecryptableSessionException("an encrypted field is not base64url");
        }
        if (bytes.length < IV_BYTES + TAG_BITS / 8) {
            throw new UndecryptableSessionException("an encrypted field is too short");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(bytes, IV_BYTES), associatedData);
            byte[] plain = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new UndecryptableSessionException("an encrypted field fails authentication (another session key, "
                    + "or altered)");
        }
    }

    private Cipher cipher(int mode, byte[] iv, String associatedData) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
