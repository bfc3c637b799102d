package io.couchgate.adapters.couchdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.couchgate.domain.CouchDbException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS to a CouchDB-like server whose certificate a private CA signed: trusted only with that CA's PEM file, and
 * only under the name in the certificate.
 */
class CouchDbConnectionTlsTest {

    @TempDir
    Path dir;
    private static TestCertificates certificates;
    private HttpsServer server;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificates = new TestCertificates("localhost");
    }

    @BeforeEach
    void startServer() throws Exception {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(certificates.serverContext()));
        server.createContext("/", exchange -> {
            byte[] body = "/".equals(exchange.getRequestURI().getPath())
                    ? "{\"couchdb\":\"Welcome\",\"version\":\"3.4.2\"}".getBytes(StandardCharsets.UTF_8)
                    : "{\"ok\":true,\"userCtx\":{\"name\":null,\"roles\":[\"_admin\"]}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private CouchDbConnection connect(String host, Path caFile) {
        URI url = URI.create("https://" + host + ":" + server.getAddress().getPort());
        return CouchDbConnection.open(new CouchDbSettings(url, Duration.ofSeconds(2), Duration.ofSeconds(5), caFile,
                false));
    }

    @Test
    void withTheCaFile_theServerIsTrusted() throws IOException {
        try (CouchDbConnection couch = connect("localhost", certificates.writeCaPem(dir))) {
            assertThat(couch.isUp()).isTrue();
            assertThat(new CouchDbServerProvisioner(couch).isAdminParty()).isTrue();
        }
    }

    @Test
    void withoutTheCaFile_theJvmTrustStoreAloneRefusesTheServer() {
        try (CouchDbConnection couch = connect("localhost", null)) {
            assertThat(couch.isUp()).isFalse();
            assertThatThrownBy(() -> new CouchDbServerProvisioner(couch).isAdminParty())
                    .isInstanceOf(CouchDbException.class)
                    .hasMessageStartingWith("GET /_session failed: ");
        }
    }

    @Test
    void aNameTheCertificateDoesNotCarry_isRefused_evenWithTheCaFile() throws IOException {
        try (CouchDbConnection couch = connect("127.0.0.1", certificates.writeCaPem(dir))) {
            assertThat(couch.isUp()).isFalse();
        }
    }

    @Test
    void aCaFileWithoutCertificates_isRefusedAtOpen() throws IOException {
        Path empty = java.nio.file.Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> connect("localhost", empty))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds no certificate");
    }
}
