package io.couchgate.adapters.couchdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.InstanceId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Health and failure reporting of the connection. */
@ExtendWith(CouchDbExtension.class)
class CouchDbConnectionTest {

    @Test
    void realServer_isUp(CouchDbServer server) {
        try (CouchDbConnection couch = CouchDbConnection.open(server.couchDbSettings())) {
            assertThat(couch.isUp()).isTrue();
        }
    }

    /**
     * api/server/common.html#get--: CouchDB welcomes with {@code "couchdb"}; the dev server with
     * {@code "express-pouchdb"}, which counts as up only with compatibility {@code pouchdb-server}.
     */
    @Test
    void devServersWelcome_isUpOnlyWithPouchDbServerCompatibility_couchDbsWithEither(CouchDbServer server) {
        try (CouchDbConnection asCouchDb = CouchDbConnection.open(TestCouchDbSettings.of(server.url()));
             CouchDbConnection asDevServer = CouchDbConnection.open(TestCouchDbSettings.of(server.url())
                     .withCompatibility(CouchDbCompatibility.POUCHDB_SERVER))) {
            assertThat(asCouchDb.isUp()).isEqualTo(server.isCouchDb());
            assertThat(asDevServer.isUp()).isTrue();
        }
    }

    @Test
    void nothingListening_isDown_andEveryPortFailsWithCouchDbException_withoutCredentials() {
        CouchCredentials admin = new CouchCredentials("couchgate-admin", "very-secret-password");
        CouchDbSettings settings = new CouchDbSettings(URI.create("http://127.0.0.1:9"), Duration.ofSeconds(1),
                Duration.ofSeconds(1), null, false);
        try (CouchDbConnection dead = CouchDbConnection.open(settings)) {
            assertThat(dead.isUp()).isFalse();
            assertThatThrownBy(() -> new CouchDbServerProvisioner(dead).isAdmin(admin))
                    .isInstanceOf(CouchDbException.class)
                    .hasMessageStartingWith("GET /_session failed: ")
                    .message().doesNotContain(admin.password());
            assertThatThrownBy(() -> new CouchDbSessionUserDirectory(dead, admin, TestRandom::bytes)
                    .deleteAllNotOf(InstanceId.random()))
                    .isInstanceOf(CouchDbException.class)
                    .hasMessageStartingWith("GET /_users/_all_docs?startkey=%22org.couchdb.user%3Ausers%2F%22")
                    .message().doesNotContain(admin.password());
        }
    }

    @Test
    void errorStatus_becomesCouchDbException_namingMethodPathAndStatus(CouchDbServer server) {
        CouchCredentials admin = RawCouch.adminOf(server);
        try (CouchDbConnection couch = CouchDbConnection.open(server.couchDbSettings())) {
            // A database that does not exist: 404 (api/database/security.html).
            DatabaseSetup setup = new DatabaseSetup(couch, admin);
            assertThatThrownBy(() -> setup.ensureSecurity("no-such-db-" + System.nanoTime(), null))
                    .isInstanceOf(CouchDbException.class)
                    .hasMessageMatching("GET /no-such-db-\\d+/_security answered 404");
        }
    }

    /**
     * A server that closes the first connection after reading its request, without answering (what a keep-alive
     * timeout does to a pooled connection as a request goes out), then answers every later one. The idempotent
     * GET is sent once more and gets the answer; a POST is not repeated (RFC 9112 section 9.3.1).
     */
    @Test
    void connectionClosedBeforeAnAnswer_anIdempotentRequestIsSentOnceMore_aPostIsNot() throws Exception {
        for (String method : new String[] {"GET", "POST"}) {
            try (ClosingFirstServer server = new ClosingFirstServer();
                 CouchDbConnection couch = CouchDbConnection.open(TestCouchDbSettings.of(server.url()))) {
                if (method.equals("GET")) {
                    Reply reply = couch.send(io.micronaut.http.HttpMethod.GET, "/posts", null, null);
                    assertThat(reply.status()).isEqualTo(200);
                    assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
                    assertThat(server.requestLines()).containsExactly("GET /posts HTTP/1.1", "GET /posts HTTP/1.1");
                } else {
                    assertThatThrownBy(() -> couch.send(io.micronaut.http.HttpMethod.POST, "/posts", null,
                            java.util.Map.of("a", 1)))
                            .isInstanceOf(CouchDbException.class).hasMessageStartingWith("POST /posts failed: ");
                    assertThat(server.requestLines()).containsExactly("POST /posts HTTP/1.1");
                }
            }
        }
    }

    /** Reads each request's head and body; closes the first connection unanswered, answers the others 200. */
    private static final class ClosingFirstServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final Thread acceptor = new Thread(this::serve, "closing-first-server");

        ClosingFirstServer() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        /** @return the request lines read so far, in order; every request is read before its connection ends */
        List<String> requestLines() {
            return List.copyOf(lines);
        }

        private void serve() {
            boolean first = true;
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                            StandardCharsets.ISO_8859_1));
                    OutputStream out = connection.getOutputStream();
                    String line;
                    while ((line = in.readLine()) != null) {
                        int length = 0;
                        for (String header = in.readLine(); header != null && !header.isEmpty();
                             header = in.readLine()) {
                            if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                                length = Integer.parseInt(header.substring(15).trim());
                            }
                        }
                        in.skip(length);
                        lines.add(line);
                        if (first) {
                            first = false;
                            break;
                        }
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n"
                                + "\r\n{\"ok\":true}").getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
