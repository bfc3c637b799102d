package io.couchgate.bootstrap.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** couchgate with {@code couchgate.tls.self-signed: true}: what HTTPS and loopback HTTP clients see. */
class HttpsServingTest {

    @TempDir
    static Path dataDir;

    private static EmbeddedServer server;
    private static SSLContext trustingServer;

    @BeforeAll
    static void startServer() throws Exception {
        server = TlsTestServers.start(dataDir, Map.of("couchgate.tls.self-signed", true));
        trustingServer = TrustingClients.trusting(dataDir.resolve(SelfSignedStore.CERTIFICATE_FILE));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static String https(String path) {
        return "https://127.0.0.1:" + server.getPort() + path;
    }

    @Test
    void clientTrustingTheSelfSignedCertificate_getsTheAnswer_withStrictTransportSecurity() throws Exception {
        HttpResponse<String> response = TrustingClients.get(
                TrustingClients.client(trustingServer, new SSLParameters()), https("/tls-test/ping"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("pong");
        assertThat(response.headers().allValues("Strict-Transport-Security")).containsExactly("max-age=31536000");
        assertThat(response.sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.3");
    }

    @Test
    void answerRefusedByTheSecurityFilter_alsoCarriesStrictTransportSecurity() throws Exception {
        HttpResponse<String> response = TrustingClients.get(
                TrustingClients.client(trustingServer, new SSLParameters()), https("/tls-test/members-only"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("Strict-Transport-Security")).containsExactly("max-age=31536000");
    }

    @Test
    void plainHttpOnLoopback_answers_withoutStrictTransportSecurity() throws Exception {
        HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = TrustingClients.get(plain,
                "http://127.0.0.1:" + TlsTestServers.httpPort(server) + "/tls-test/ping");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("pong");
        assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void clientNotTrustingTheCertificate_failsTheHandshake() {
        HttpClient defaultTrust = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        assertThatThrownBy(() -> TrustingClients.get(defaultTrust, https("/tls-test/ping")))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void tls12ClientWithAnIntermediateProfileSuite_isServed() throws Exception {
        SSLParameters tls12 = new SSLParameters(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"},
                new String[] {"TLSv1.2"});
        HttpResponse<String> response = TrustingClients.get(TrustingClients.client(trustingServer, tls12),
                https("/tls-test/ping"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.sslSession().orElseThrow().getCipherSuite())
                .isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
    }

    @Test
    void tls12ClientOfferingOnlyACbcSuite_isRefused() {
        SSLParameters cbcOnly = new SSLParameters(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"},
                new String[] {"TLSv1.2"});

        assertThatThrownBy(() -> TrustingClients.get(TrustingClients.client(trustingServer, cbcOnly),
                https("/tls-test/ping")))
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("handshake_failure");
    }

    @Test
    void clientLimitedToTls11_isRefusedByTheServer_whileTls12FromTheSameClientWorks() throws Exception {
        Path certificate = dataDir.resolve(SelfSignedStore.CERTIFICATE_FILE);

        String tls11 = LegacyTlsProbe.runInJvmAllowingTls11(server.getPort(), certificate, "TLSv1.1");
        String tls12 = LegacyTlsProbe.runInJvmAllowingTls11(server.getPort(), certificate, "TLSv1.2");

        assertThat(tls11).startsWith("REFUSED javax.net.ssl.SSLHandshakeException").contains("protocol_version");
        assertThat(tls12).isEqualTo("OK TLSv1.2");
    }
}
