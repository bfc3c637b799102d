package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Bodies flow through in pieces, as CouchDB writes them, and the upstream request ends when the client leaves. */
class DatabaseProxyStreamingTest extends ProxyOverStub {

    @Test
    void continuousFeed_reachesTheClientChunkByChunk_beforeCouchDbFinishes() throws Exception {
        CountDownLatch clientSawFirstChange = new CountDownLatch(1);
        couchDb.answerWith(exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            writeAndFlush(body, "{\"seq\":\"1\",\"id\":\"a\"}\n");
            DatabaseProxyFailureTest.awaitQuietly(clientSawFirstChange);
            writeAndFlush(body, "\n");
            writeAndFlush(body, "{\"last_seq\":\"1\"}\n");
            exchange.close();
        });

        try (RawHttpClient client = new RawHttpClient(proxy.port())) {
            client.send("GET", "/database/posts/_changes?feed=continuous&heartbeat=10000",
                    List.of("Authorization: Bearer " + FakeSessions.TOKEN, "Accept-Encoding: gzip"), null);
            RawResponse head = client.readHead();
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.headers()).doesNotContainKey("content-encoding");

            assertThat(readText(client, "{\"seq\":\"1\",\"id\":\"a\"}\n".length()))
                    .isEqualTo("{\"seq\":\"1\",\"id\":\"a\"}\n");
            clientSawFirstChange.countDown();
            assertThat(new String(client.readBody(head), StandardCharsets.UTF_8))
                    .isEqualTo("\n{\"last_seq\":\"1\"}\n");
        }
    }

    @Test
    void clientThatGoesAway_endsTheUpstreamRequest() throws Exception {
        CountDownLatch upstreamWriteFailed = new CountDownLatch(1);
        couchDb.answerWith(exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            try {
                for (int beat = 0; beat < 600; beat++) {
                    writeAndFlush(exchange.getResponseBody(), "\n");
                    upstreamWriteFailed.await(50, TimeUnit.MILLISECONDS);
                }
            } catch (IOException e) {
                upstreamWriteFailed.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        try (RawHttpClient client = new RawHttpClient(proxy.port())) {
            client.send("GET", "/database/posts/_changes?feed=continuous&heartbeat=50",
                    List.of("Authorization: Bearer " + FakeSessions.TOKEN), null);
            assertThat(client.readHead().status()).isEqualTo(200);
            assertThat(readText(client, 1)).isEqualTo("\n");
        }

        assertThat(upstreamWriteFailed.await(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void largeUploadAndDownload_passThroughByteForByte() throws Exception {
        byte[] large = new byte[8 * 1024 * 1024];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) ('a' + i % 26);
        }
        couchDb.answerWith(exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, large.length);
            exchange.getResponseBody().write(large);
            exchange.close();
        });
        String upload = new String(large, StandardCharsets.US_ASCII);

        RawResponse response = proxy.sendAuthenticated("PUT", "/database/posts/doc/big.bin?rev=1-a",
                List.of("Content-Type: application/octet-stream"), upload);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(large);
        assertThat(couchDb.onlyRequest().body()).isEqualTo(large);
    }

    @Test
    void gzipRequestBody_reachesCouchDbByteForByte_withItsContentEncoding() throws Exception {
        byte[] gzip;
        java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(compressed)) {
            out.write("{\"owner\":\"alice\"}".repeat(100_000).getBytes(StandardCharsets.UTF_8));
        }
        gzip = compressed.toByteArray();

        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + proxy.port()
                                + "/database/posts/doc/a.json?rev=1-a"))
                        .header("Authorization", "Bearer " + FakeSessions.TOKEN)
                        .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(gzip)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        RecordedRequest received = couchDb.onlyRequest();
        assertThat(received.body()).isEqualTo(gzip);
        assertThat(received.headers().get("content-encoding")).containsExactly("gzip");
        assertThat(received.headers().get("content-length")).containsExactly(String.valueOf(gzip.length));
    }

    private static String readText(RawHttpClient client, int length) throws IOException {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            byte[] chunk = client.readChunk();
            if (chunk.length == 0) {
                break;
            }
            text.append(new String(chunk, StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    private static void writeAndFlush(OutputStream body, String text) throws IOException {
        body.write(text.getBytes(StandardCharsets.UTF_8));
        body.flush();
    }
}
