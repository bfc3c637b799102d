package io.couchgate.bootstrap.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.bootstrap.ConfigurationException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLParameters;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each source of the server's key, as seen by an HTTPS client; and a start that must fail. */
class CertificateSourcesTest {

    private static final List<String> HOSTS = List.of("localhost", "127.0.0.1");

    @TempDir
    Path dir;

    @Test
    void secondStart_presentsTheSameSelfSignedCertificate() throws Exception {
        Map<String, Object> selfSigned = Map.of("couchgate.tls.self-signed", true);

        String first = fingerprintServed(selfSigned, dir.resolve(SelfSignedStore.CERTIFICATE_FILE));
        String second = fingerprintServed(selfSigned, dir.resolve(SelfSignedStore.CERTIFICATE_FILE));

        assertThat(second).isEqualTo(first).hasSize(64);
    }

    @Test
    void pemCertificateAndKeyFiles_areServed() throws Exception {
        KeyMaterial material = SelfSignedCertificate.create(HOSTS, Instant.now());
        Path cert = dir.resolve("server-cert.pem");
        Path key = dir.resolve("server-key.pem");
        PemFiles.write(material, key, cert);

        String served = fingerprintServed(Map.of("couchgate.tls.certificate-file", cert.toString(),
                "couchgate.tls.key-file", key.toString()), cert);

        assertThat(served).isEqualTo(fingerprint(material.leaf()));
    }

    @Test
    void pkcs12KeyStore_isServed() throws Exception {
        KeyMaterial material = SelfSignedCertificate.create(HOSTS, Instant.now());
        Path cert = dir.resolve("trusted.pem");
        PemFiles.write(material, dir.resolve("unused-key.pem"), cert);
        Path store = dir.resolve("server.p12");
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(null, null);
        p12.setKeyEntry("server", material.key(), "s3cret".toCharArray(),
                material.chain().toArray(new X509Certificate[0]));
        try (OutputStream out = Files.newOutputStream(store)) {
            p12.store(out, "s3cret".toCharArray());
        }

        String served = fingerprintServed(Map.of("couchgate.tls.key-store", store.toString(),
                "couchgate.tls.key-store-password", "s3cret"), cert);

        assertThat(served).isEqualTo(fingerprint(material.leaf()));
    }

    @Test
    void enabledWithoutAnySource_stopsTheStart_withOneLineNamingTheKeys() {
        assertThatThrownBy(() -> TlsTestServers.start(dir, Map.of()).close())
                .satisfies(failure -> assertThat(rootConfigurationError(failure))
                        .asInstanceOf(InstanceOfAssertFactories.THROWABLE)
                        .hasMessageStartingWith("couchgate.tls.enabled is true: set exactly one of"));
    }

    @Test
    void missingPemFile_stopsTheStart_namingTheFile() {
        Path missing = dir.resolve("missing-key.pem");
        Map<String, Object> pem = Map.of("couchgate.tls.certificate-file", dir.resolve("c.pem").toString(),
                "couchgate.tls.key-file", missing.toString());

        assertThatThrownBy(() -> TlsTestServers.start(dir, pem).close())
                .satisfies(failure -> assertThat(rootConfigurationError(failure))
                        .asInstanceOf(InstanceOfAssertFactories.THROWABLE)
                        .hasMessage("HTTPS cannot start: cannot read " + missing));
    }

    @Test
    void pemKeyOfAnotherCertificate_stopsTheStart() {
        Path cert = dir.resolve("server-cert.pem");
        Path key = dir.resolve("server-key.pem");
        PemFiles.write(SelfSignedCertificate.create(HOSTS, Instant.now()), dir.resolve("unused-key.pem"), cert);
        PemFiles.write(SelfSignedCertificate.create(HOSTS, Instant.now()), key, dir.resolve("unused-cert.pem"));
        Map<String, Object> pem = Map.of("couchgate.tls.certificate-file", cert.toString(),
                "couchgate.tls.key-file", key.toString());

        assertThatThrownBy(() -> TlsTestServers.start(dir, pem).close())
                .satisfies(failure -> assertThat(rootConfigurationError(failure))
                        .asInstanceOf(InstanceOfAssertFactories.THROWABLE)
                        .hasMessageStartingWith("HTTPS cannot start: the private key does not belong to the first "
                                + "certificate"));
    }

    private String fingerprintServed(Map<String, Object> tls, Path trusted) throws Exception {
        try (EmbeddedServer server = TlsTestServers.start(dir, tls)) {
            HttpResponse<String> response = TrustingClients.get(
                    TrustingClients.client(TrustingClients.trusting(trusted), new SSLParameters()),
                    "https://localhost:" + server.getPort() + "/tls-test/ping");
            assertThat(response.statusCode()).isEqualTo(200);
            return TrustingClients.serverFingerprint(response);
        }
    }

    private static String fingerprint(X509Certificate certificate) throws Exception {
        return java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    private static Throwable rootConfigurationError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConfigurationException) {
                return t;
            }
        }
        return failure;
    }
}
