package io.couchgate.adapters.couchdb;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The client TLS context for CouchDB: the JVM's trust store, plus the CA certificates of an optional PEM file.
 * Host names are verified by the Micronaut client (endpoint identification {@code HTTPS}). Public so that bootstrap
 * can hand the same trust to the {@code /database} proxy's client.
 */
public final class TlsTrust {

    private TlsTrust() {
    }

    /**
     * @param caFile a PEM file with one or more CA certificates, or empty for the JVM trust store alone
     * @return a client SSL context trusting those
     * @throws IllegalArgumentException if the file cannot be read or holds no certificate
     */
    public static SslContext clientContext(Optional<Path> caFile) {
        try {
            return SslContextBuilder.forClient().trustManager(trustManagers(caFile)).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS context for CouchDB", e);
        }
    }

    static TrustManagerFactory trustManagers(Optional<Path> caFile) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (caFile.isEmpty()) {
                factory.init((KeyStore) null);
                return factory;
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate jvmCa : jvmTrustedIssuers()) {
                store.setCertificateEntry("jvm-" + n++, jvmCa);
            }
            for (Certificate extra : readPem(caFile.get())) {
                store.setCertificateEntry("ca-file-" + n++, extra);
            }
            factory.init(store);
            return factory;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot use CouchDB CA file " + caFile.orElse(null) + ": "
                    + e.getMessage(), e);
        }
    }

    private static X509Certificate[] jvmTrustedIssuers() throws GeneralSecurityException {
        TrustManagerFactory jvm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        jvm.init((KeyStore) null);
        for (TrustManager manager : jvm.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509.getAcceptedIssuers();
            }
        }
        return new X509Certificate[0];
    }

    private static Collection<? extends Certificate> readPem(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("CouchDB CA file " + file + " holds no certificate");
            }
            return certificates;
        }
    }
}
