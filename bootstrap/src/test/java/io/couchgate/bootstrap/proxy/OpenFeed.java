package io.couchgate.bootstrap.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.bootstrap.testing.RecordingRelay;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A continuous {@code _changes} feed open through couchgate on a raw socket (heartbeats every 200 ms), with the
 * CouchDB connection the relay saw it on, so that a test can wait for both ends to close.
 */
final class OpenFeed implements AutoCloseable {

    /**
     * How long the proxy tests wait for an event (a close, a line of a feed, an answer): generous, as the machines are
     * shared and noisy. How fast a feed ends (the ≤ 1 s promise) is measured by scripts/bench scenario 9, not here.
     */
    static final Duration GENEROUS = Duration.ofSeconds(30);

    private final Socket client;
    private final InputStream in;
    private final RecordingRelay.Connection upstream;

    private OpenFeed(Socket client, InputStream in, RecordingRelay.Connection upstream) {
        this.client = client;
        this.in = in;
        this.upstream = upstream;
    }

    /**
     * @param stack the couchgate under test, whose relay records the CouchDB connections
     * @param token the session's Bearer token
     * @param tag a value that makes this feed's query unique among the relay's connections
     * @return the feed, once couchgate has answered 200 and the CouchDB connection is known
     */
    static OpenFeed open(CouchgateStack stack, String token, String tag) throws IOException {
        String query = "feed=continuous&since=now&heartbeat=200&n=" + tag;
        Socket client = new Socket(InetAddress.getLoopbackAddress(), stack.couchgatePort());
        client.setSoTimeout(10_000);
        OutputStream out = client.getOutputStream();
        out.write(("GET /database/posts/_changes?" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + token + "\r\nAccept: application/json\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = client.getInputStream();
        assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
        RecordingRelay.Connection upstream = stack.relay()
                .awaitConnectionCarrying("/posts/_changes?" + query + " ", Duration.ofSeconds(30));
        return new OpenFeed(client, in, upstream);
    }

    /** @return whether the CouchDB connection closed within {@link #GENEROUS} */
    boolean upstreamCloses() throws InterruptedException {
        return upstream.awaitClosed(GENEROUS);
    }

    /** @return whether the CouchDB connection was still open after {@code wait} (a check that nothing happened) */
    boolean upstreamStaysOpenFor(Duration wait) throws InterruptedException {
        return !upstream.awaitClosed(wait);
    }

    /** Reads (and drops) what still arrives; true when the client connection ends within {@link #GENEROUS}. */
    boolean clientCloses() throws IOException {
        long deadline = System.nanoTime() + GENEROUS.toNanos();
        byte[] buffer = new byte[4096];
        while (System.nanoTime() < deadline) {
            try {
                if (in.read(buffer) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
