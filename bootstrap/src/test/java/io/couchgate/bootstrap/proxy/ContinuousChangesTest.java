package io.couchgate.bootstrap.proxy;

import static io.couchgate.bootstrap.proxy.CouchgateStack.bytes;
import static io.couchgate.bootstrap.proxy.CouchgateStack.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A continuous {@code _changes} feed (docs.couchdb.org api/database/changes.html) streams through couchgate line by
 * line, unbuffered (best-practices/reverse-proxies.html).
 */
class ContinuousChangesTest extends StackWithAlice {

    private static final String END = "\u0000end of stream";

    @Test
    void continuousFeed_showsADocumentWrittenAfterItOpened_whileTheResponseStaysOpen() throws Exception {
        HttpRequest open = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.couchgatePort()
                        + "/database/posts/_changes?feed=continuous&since=now&heartbeat=5000"))
                .header("Authorization", "Bearer " + alice).header("Accept", "application/json").build();
        HttpResponse<InputStream> feed = HttpClient.newHttpClient()
                .send(open, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(feed.statusCode()).isEqualTo(200);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = readLines(feed.body(), lines);
        try {
            RawResponse written = stack.through("PUT", "/database/posts/alice:seen-live", alice, json(),
                    bytes("{\"owner\":\"alice\"}"));
            assertThat(written.status()).isEqualTo(201);

            // Awaited as an event; how soon the change shows (the 1 s promise) is for scripts/bench to measure.
            long deadline = System.nanoTime() + OpenFeed.GENEROUS.toNanos();
            String change = awaitLineContaining("\"id\":\"alice:seen-live\"", lines, deadline);

            assertThat(stack.parse(change)).containsEntry("id", "alice:seen-live").containsKey("seq")
                    .containsKey("changes");
            assertThat(lines).doesNotContain(END);
            assertThat(reader.isAlive()).as("the feed is still open").isTrue();
        } finally {
            feed.body().close();
        }
    }

    private static String awaitLineContaining(String text, BlockingQueue<String> lines, long deadlineNanos)
            throws InterruptedException {
        while (true) {
            String line = lines.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no line with " + text + " within the deadline");
            }
            if (line.contains(text)) {
                return line;
            }
            assertThat(line).as("a heartbeat or another change, not the end").isNotEqualTo(END);
        }
    }

    private static Thread readLines(InputStream body, BlockingQueue<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException closedByTheTest) {
                // the test closed the feed
            }
            lines.add(END);
        }, "changes-feed-reader");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
