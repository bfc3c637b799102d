package io.couchgate.adapters.couchdb.testing.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS test tooling against a tiny plain-HTTP upstream that echoes what it gets. */
class TlsTerminatingProxyTest {

    @TempDir
    Path dir;

    private HttpServer upstream;
    private TestCertificates certificates;
    private TlsTerminatingProxy proxy;

    @BeforeEach
    void startUpstreamAndProxy() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/", exchange -> {
            byte[] body = ("{\"method\":\"" + exchange.getRequestMethod() + "\",\"path\":\""
                    + exchange.getRequestURI() + "\",\"body\":\"" + new String(exchange.getRequestBody()
                    .readAllBytes(), StandardCharsets.UTF_8) + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();
        certificates = TestCertificates.mint();
        proxy = TlsTerminatingProxy.start(certificates.serverSslContext(),
                URI.create("http://127.0.0.1:" + upstream.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.stop(0);
    }

    @Test
    void clientTrustingTheCaPemFile_reachesTheUpstream_bothWays() throws Exception {
        SSLContext trustingCa = trusting(certificates.writeCaPem(dir.resolve("ca.pem")));
        HttpRequest put = HttpRequest.newBuilder(proxy.url().resolve("/posts/doc1?rev=1-a"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("hello")).build();

        HttpResponse<String> response = client(trustingCa).send(put, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"method\":\"PUT\",\"path\":\"/posts/doc1?rev=1-a\",\"body\":\"hello\"}");
        assertThat(response.sslSession().orElseThrow().getPeerCertificates()[0])
                .isEqualTo(certificates.serverCertificate());
    }

    @Test
    void clientContextFromTestCertificates_reachesTheUpstreamTwiceOnOneClient() throws Exception {
        HttpClient client = client(certificates.clientSslContext());
        HttpRequest get = HttpRequest.newBuilder(proxy.url().resolve("/_up")).build();

        for (int i = 0; i < 2; i++) {
            HttpResponse<String> response = client.send(get, HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("{\"method\":\"GET\",\"path\":\"/_up\",\"body\":\"\"}");
        }
    }

    @Test
    void clientNotTrustingTheCa_failsTheHandshake() {
        HttpRequest get = HttpRequest.newBuilder(proxy.url().resolve("/_up")).build();

        assertThatThrownBy(() -> client(SSLContext.getDefault()).send(get, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void caPemFile_holdsTheCaCertificate_whichSignedTheServerCertificate() throws Exception {
        Path pem = certificates.writeCaPem(dir.resolve("ca.pem"));

        assertThat(Files.readString(pem)).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(certificates.caCertificate().getBasicConstraints()).isEqualTo(0);
        certificates.serverCertificate().verify(certificates.caCertificate().getPublicKey());
        assertThat(certificates.serverCertificate().getSubjectAlternativeNames())
                .containsExactly(java.util.List.of(2, "localhost"), java.util.List.of(7, "127.0.0.1"));
    }

    private static HttpClient client(SSLContext context) {
        return HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
