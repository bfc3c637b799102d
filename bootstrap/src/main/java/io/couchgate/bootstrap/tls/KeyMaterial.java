package io.couchgate.bootstrap.tls;

import java.security.GeneralSecurityException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A server's private key and its certificate chain (leaf first).
 *
 * @param key   the private key of {@code chain.get(0)}
 * @param chain the leaf certificate, then any intermediates
 */
record KeyMaterial(PrivateKey key, List<X509Certificate> chain) {

    /** Alias of the key entry in {@link #toKeyStore()}. */
    static final String ALIAS = "couchgate";

    KeyMaterial {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least the server's certificate");
        }
        chain = List.copyOf(chain);
    }

    /** @return the server's own certificate */
    X509Certificate leaf() {
        return chain.get(0);
    }

    /**
     * @return an in-memory PKCS#12 key store with one key entry ({@link #ALIAS}) whose key has no password, the
     *         form Micronaut's {@code CertificateProvider} hands to Netty
     */
    KeyStore toKeyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("cannot create an empty key store", e);
        }
        store.setKeyEntry(ALIAS, key, null, chain.toArray(new X509Certificate[0]));
        return store;
    }

    /**
     * @return whether {@link #key()} belongs to the leaf certificate (a test signature verifies); keys other than
     *         EC and RSA are taken on trust
     */
    boolean keyMatchesCertificate() {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> null;
        };
        if (algorithm == null) {
            return true;
        }
        try {
            byte[] probe = "couchgate key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf().getPublicKey());
            verifier.update(probe);
            return verifier.verify(signer.sign());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** @return the leaf's SHA-256 fingerprint as colon-separated upper-case hex, as browsers show it */
    String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(leaf().getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * @param names DNS names and IP literals
     * @param at    the instant the certificate must be valid at
     * @return whether the leaf is valid at {@code at} and lists every name as a subject alternative name
     */
    boolean coversAt(Collection<String> names, Instant at) {
        Date date = Date.from(at);
        if (date.before(leaf().getNotBefore()) || date.after(leaf().getNotAfter())) {
            return false;
        }
        Set<String> listed = subjectAlternativeNames();
        return names.stream().map(HostNames::canonical).allMatch(listed::contains);
    }

    private Set<String> subjectAlternativeNames() {
        Set<String> names = new HashSet<>();
        try {
            Collection<List<?>> entries = leaf().getSubjectAlternativeNames();
            if (entries != null) {
                entries.forEach(entry -> names.add(HostNames.canonical(String.valueOf(entry.get(1)))));
            }
        } catch (CertificateParsingException e) {
            return Set.of();
        }
        return names;
    }
}
