package io.couchgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while a download is being read slowly (relayed below Micronaut) and a continuous and a longpoll
 * {@code _changes} feed are open (served through Micronaut): the download finishes whole, both feeds end with a
 * complete chunked answer (a longpoll with no result and its {@code since} as {@code last_seq}), a new connection is
 * refused meanwhile, the process exits (awaited with a generous deadline; how soon is printed, not asserted), and
 * the log holds no WARN or ERROR line and one stop line.
 */
class GracefulStopEndToEndTest {

    private static final int ATTACHMENT_BYTES = 16 << 20;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path tmp;

    @Test
    void sigterm_downloadFinishes_feedsEndWhole_newConnectionsRefused_exitWithinGrace_noWarning() throws Exception {
        try (CouchDbServer couch = CouchDbExtension.freshServer()) {
            int port = CouchgateProcess.freePort();
            try (CouchgateProcess app = CouchgateProcess.launch(port, couch, tmp.resolve("data"),
                    tmp.resolve("couchgate.out")).awaitHealthy()) {
                SessionTokens.signUp(app, "alice");
                String token = SessionTokens.logIn(app, "alice");
                byte[] attachment = new byte[ATTACHMENT_BYTES];
                new Random(42).nextBytes(attachment);
                storeAttachment(app, token, attachment);
                Object seq = CouchAdmin.json(app.send("GET", "/database/posts", null, token).body()).get("update_seq");

                try (RawStream download = RawStream.get(port, 8192, "/database/posts/alice:big/file.bin", token);
                     RawStream continuous = RawStream.get(port, 65536,
                             "/database/posts/_changes?feed=continuous&since=now&heartbeat=200", token);
                     RawStream longpoll = RawStream.get(port, 65536,
                             "/database/posts/_changes?feed=longpoll&since=" + seq + "&heartbeat=200", token)) {
                    assertThat(download.readHead()).isEqualTo(200);
                    assertThat(download.header("content-length")).isEqualTo(String.valueOf(ATTACHMENT_BYTES));
                    byte[] first = download.readExactly(65536);
                    assertThat(continuous.readHead()).isEqualTo(200);
                    assertThat(longpoll.readHead()).isEqualTo(200);
                    long stopAt = System.nanoTime();

                    app.process().destroy(); // SIGTERM

                    assertThat(new String(continuous.readChunkedToEnd(), StandardCharsets.UTF_8)).isBlank();
                    assertThat(continuous.closedByServer()).isTrue();
                    assertThat(CouchAdmin.json(new String(longpoll.readChunkedToEnd(), StandardCharsets.UTF_8)))
                            .isEqualTo(Map.of("results", List.of(), "last_seq", seq));
                    assertThat(longpoll.closedByServer()).isTrue();
                    assertThat(refusesConnectionsWithin(port, Duration.ofSeconds(30))).isTrue();
                    byte[] rest = download.readExactly(ATTACHMENT_BYTES - first.length);
                    assertThat(Arrays.equals(concat(first, rest), attachment)).as("the whole attachment").isTrue();
                    assertThat(download.closedByServer()).isTrue();

                    // Waited for, not timed (it was "within 20 s"): the machines are shared and noisy.
                    assertThat(app.process().waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
                    System.out.printf("exited %d ms after SIGTERM%n",
                            Duration.ofNanos(System.nanoTime() - stopAt).toMillis());
                }
                String log = app.output();
                assertThat(log).doesNotContainPattern("(?m)^\\S+ +(WARN|ERROR) ");
                assertThat(Pattern.compile(" INFO  \\S+ - couchgate dev stopped\n").matcher(log).results().count())
                        .isEqualTo(1);
            }
        }
    }

    private static void storeAttachment(CouchgateProcess app, String token, byte[] attachment) throws Exception {
        HttpResponse<String> doc = app.send("PUT", "/database/posts/alice:big", "{\"owner\":\"alice\"}", token);
        assertThat(doc.statusCode()).as(doc.body()).isEqualTo(201);
        String rev = (String) CouchAdmin.json(doc.body()).get("rev");
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                        + "/database/posts/alice:big/file.bin?rev=" + rev))
                .timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(attachment)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    }

    /** Polls every 50 ms; true once a connection to the port is refused. */
    private static boolean refusesConnectionsWithin(int port, Duration bound) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                Thread.onSpinWait();
            } catch (ConnectException refused) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(50); // polling interval, not synchronisation
        }
        return false;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
