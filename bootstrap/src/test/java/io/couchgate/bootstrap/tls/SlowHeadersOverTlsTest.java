package io.couchgate.bootstrap.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * couchgate with {@code couchgate.http.header-read-timeout: 1s} from its configuration, serving HTTPS and loopback
 * HTTP: an unfinished request head is cut on both listeners, behind the TLS handler too; complete requests are served.
 */
class SlowHeadersOverTlsTest {

    private static final int READ_BOUND_MILLIS = 10_000;
    private static final String REQUEST_TIMEOUT = "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n"
            + "Content-Length: 0\r\n\r\n";

    @TempDir
    static Path dataDir;

    private static EmbeddedServer server;
    private static SSLContext trustingServer;

    @BeforeAll
    static void startServer() throws Exception {
        server = TlsTestServers.start(dataDir, Map.of("couchgate.tls.self-signed", true,
                "couchgate.http.header-read-timeout", "1s"));
        trustingServer = TrustingClients.trusting(dataDir.resolve(SelfSignedStore.CERTIFICATE_FILE));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void unfinishedHeadOverHttps_gets408AndIsClosed() throws Exception {
        try (SSLSocket tls = https()) {
            send(tls, "GET /tls-test/ping HTTP/1.1\r\nHost: localhost\r\n");

            assertThat(readUntilClosed(tls)).isEqualTo(REQUEST_TIMEOUT);
        }
    }

    @Test
    void completeRequestOverHttps_isServed() throws Exception {
        try (SSLSocket tls = https()) {
            send(tls, "GET /tls-test/ping HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

            assertThat(readUntilClosed(tls)).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\npong");
        }
    }

    @Test
    void unfinishedHeadOverLoopbackHttp_gets408AndIsClosed() throws Exception {
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), TlsTestServers.httpPort(server))) {
            plain.setSoTimeout(READ_BOUND_MILLIS);
            send(plain, "GET /tls-test/ping HTTP/1.1\r\n");

            assertThat(readUntilClosed(plain)).isEqualTo(REQUEST_TIMEOUT);
        }
    }

    private static SSLSocket https() throws IOException {
        SSLSocket socket = (SSLSocket) trustingServer.getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), server.getPort());
        socket.setSoTimeout(READ_BOUND_MILLIS);
        socket.startHandshake();
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** @throws SocketTimeoutException if the server keeps the connection open past the bound */
    private static String readUntilClosed(Socket socket) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        try {
            for (int b = in.read(); b >= 0; b = in.read()) {
                received.write(b);
            }
        } catch (SocketTimeoutException stillOpen) {
            throw stillOpen;
        } catch (IOException reset) {
            // A reset (or a TLS close without close_notify) ends the connection as surely as a FIN.
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }
}
