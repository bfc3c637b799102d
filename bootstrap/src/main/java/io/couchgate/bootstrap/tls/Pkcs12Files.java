package io.couchgate.bootstrap.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;

/** Reads the first private key entry and its chain from a PKCS#12 key store file (RFC 7292). */
final class Pkcs12Files {

    private Pkcs12Files() {
    }

    /**
     * @param file     the key store
     * @param password password of the store and of its key; null for none
     * @return the first key entry's key and chain
     * @throws IllegalArgumentException when the file cannot be opened with the password or holds no key entry
     */
    static KeyMaterial read(Path file, String password) {
        char[] secret = password == null ? null : password.toCharArray();
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, secret);
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    PrivateKey key = (PrivateKey) store.getKey(alias, secret);
                    Certificate[] chain = store.getCertificateChain(alias);
                    return new KeyMaterial(key, Arrays.stream(chain).map(X509Certificate.class::cast).toList());
                }
            }
            throw new IllegalArgumentException(file + " holds no private key entry");
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("cannot open the key store " + file
                    + " (check couchgate.tls.key-store-password): " + e.getMessage());
        }
    }
}
