package io.couchgate.adapters.couchdb.testing.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway certificate authority and a server certificate it signed for {@code localhost} and
 * {@code 127.0.0.1} (EC P-256, valid one day), made with BouncyCastle for tests of "TLS to CouchDB". Use
 * {@link #serverSslContext()} for a TLS server such as {@link TlsTerminatingProxy}, {@link #writeCaPem(Path)} for
 * what a client is told to trust ({@code couchgate.couchdb.tls.ca-file}), {@link #clientSslContext()} for a JDK
 * client that trusts the CA and nothing else.
 */
public final class TestCertificates {

    private static final char[] IN_MEMORY_PASSWORD = "test".toCharArray();

    private final X509Certificate caCertificate;
    private final KeyPair serverKeys;
    private final X509Certificate serverCertificate;

    private TestCertificates(X509Certificate ca, KeyPair serverKeys, X509Certificate server) {
        this.caCertificate = ca;
        this.serverKeys = serverKeys;
        this.serverCertificate = server;
    }

    /** @return a fresh CA and a server certificate it signed for localhost and 127.0.0.1 */
    public static TestCertificates mint() {
        try {
            Instant now = Instant.now();
            KeyPair caKeys = ecKeyPair();
            X500Name caName = new X500Name("CN=couchgate test CA " + now.toEpochMilli());
            X509v3CertificateBuilder ca = builder(caName, caName, caKeys, now);
            ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            KeyPair serverKeys = ecKeyPair();
            return new TestCertificates(sign(ca, caKeys), serverKeys,
                    sign(serverBuilder(caName, serverKeys, now), caKeys));
        } catch (Exception e) {
            throw new IllegalStateException("cannot mint test certificates", e);
        }
    }

    private static X509v3CertificateBuilder serverBuilder(X500Name caName, KeyPair serverKeys, Instant now)
            throws IOException {
        X509v3CertificateBuilder server = builder(caName, new X500Name("CN=localhost"), serverKeys, now);
        server.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"),
            new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        server.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        server.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        server.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        return server;
    }

    /** @return the CA's certificate */
    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /** @return the server's certificate (signed by the CA) */
    public X509Certificate serverCertificate() {
        return serverCertificate;
    }

    /**
     * @param file where to write the CA certificate as PEM ({@code -----BEGIN CERTIFICATE-----})
     * @return {@code file}
     */
    public Path writeCaPem(Path file) {
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(caCertificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return Files.writeString(file, pem.toString(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** @return a TLS context that presents the server certificate (and the CA after it) */
    public SSLContext serverSslContext() {
        try {
            KeyStore keys = emptyStore();
            keys.setKeyEntry("server", serverKeys.getPrivate(), IN_MEMORY_PASSWORD,
                    new X509Certificate[] {serverCertificate, caCertificate});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, IN_MEMORY_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the server's TLS context", e);
        }
    }

    /** @return a TLS context whose only trust anchor is the CA */
    public SSLContext clientSslContext() {
        try {
            KeyStore trust = emptyStore();
            trust.setCertificateEntry("ca", caCertificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the client's TLS context", e);
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys, Instant now) {
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, new SecureRandom()).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys) throws Exception {
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }
}
