package io.couchgate.bootstrap.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.bootstrap.testing.RunningCouchgate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: the browser app's files, served by couchgate wired as in production with {@code couchgate.ui.enabled},
 * from a folder laid out as the app's build leaves it (a {@code .gz} beside each text file): the gzip variant when the
 * request allows it, with {@code Content-Encoding} and {@code Vary}; hashed assets cached for a year, the page
 * revalidated; {@code /api} and {@code /health} as before.
 */
class UiAssetsTest {

    private static final String INDEX = "<!doctype html><title>notes</title><script src=\"/assets/index-DefOJwC9.js\">"
            + "</script>".repeat(20);
    private static final String SCRIPT = "console.log('notes');\n".repeat(200);
    private static final String PLAIN = "console.log('no gzip beside me');";
    private static final String HASHED = "/assets/index-DefOJwC9.js";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path temp;
    private static CouchDbServer couch;
    private static RunningCouchgate app;

    @BeforeAll
    static void start() throws IOException {
        Path dist = temp.resolve("dist");
        Files.createDirectories(dist.resolve("assets"));
        writeWithGzip(dist.resolve("index.html"), INDEX);
        writeWithGzip(dist.resolve("assets/index-DefOJwC9.js"), SCRIPT);
        Files.writeString(dist.resolve("assets/plain.js"), PLAIN);
        couch = CouchDbExtension.freshServer();
        app = RunningCouchgate.start(couch, temp.resolve("data"), Map.of(
                "couchgate.ui.enabled", true, "couchgate.ui.dir", dist.toAbsolutePath().toString()));
    }

    @AfterAll
    static void stop() {
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            if (couch != null) {
                couch.close();
            }
        }
    }

    @Test
    void hashedScript_withGzipAccepted_isTheGzipVariant_cachedForAYear() throws Exception {
        HttpResponse<byte[]> plain = get(HASHED, null);
        HttpResponse<byte[]> gzip = get(HASHED, "gzip, deflate, br, zstd");

        assertThat(gzip.statusCode()).isEqualTo(200);
        assertThat(gzip.headers().allValues("Content-Encoding")).containsExactly("gzip");
        assertThat(gzip.headers().allValues("Vary")).containsExactly("Accept-Encoding");
        assertThat(gzip.headers().allValues("Cache-Control")).containsExactly("public, max-age=31536000, immutable");
        assertThat(gzip.headers().allValues("Content-Type")).isEqualTo(plain.headers().allValues("Content-Type"))
                .singleElement().asString().contains("javascript");
        assertThat(gzip.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(gzip.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .startsWith("default-src 'self'; script-src 'self';"));
        assertThat(gzip.body().length).isLessThan(SCRIPT.length() / 10);
        assertThat(gunzip(gzip.body())).isEqualTo(SCRIPT);
    }

    @Test
    void hashedScript_withoutGzip_isTheFileAsItIs_withVary() throws Exception {
        for (String acceptEncoding : new String[] {null, "identity", "gzip;q=0, br", "*;q=0"}) {
            HttpResponse<byte[]> response = get(HASHED, acceptEncoding);

            assertThat(response.statusCode()).as(acceptEncoding).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Encoding")).as(acceptEncoding).isEmpty();
            assertThat(response.headers().allValues("Vary")).as(acceptEncoding).containsExactly("Accept-Encoding");
            assertThat(response.headers().allValues("Cache-Control")).as(acceptEncoding)
                    .containsExactly("public, max-age=31536000, immutable");
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(SCRIPT);
        }
    }

    @Test
    void thePage_atSlashAndIndexHtml_isRevalidated_andGzipped() throws Exception {
        for (String path : new String[] {"/", "/index.html"}) {
            HttpResponse<byte[]> gzip = get(path, "gzip");
            HttpResponse<byte[]> plain = get(path, null);

            assertThat(gzip.statusCode()).as(path).isEqualTo(200);
            assertThat(gzip.headers().allValues("Content-Encoding")).as(path).containsExactly("gzip");
            assertThat(gzip.headers().allValues("Cache-Control")).as(path).containsExactly("no-cache");
            assertThat(gzip.headers().allValues("Vary")).as(path).containsExactly("Accept-Encoding");
            assertThat(gzip.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(type -> assertThat(type)
                    .startsWith("text/html"));
            assertThat(gzip.headers().allValues("X-Frame-Options")).as(path).containsExactly("DENY");
            assertThat(gunzip(gzip.body())).as(path).isEqualTo(INDEX);
            assertThat(plain.statusCode()).as(path).isEqualTo(200);
            assertThat(plain.headers().allValues("Cache-Control")).as(path).containsExactly("no-cache");
            assertThat(plain.headers().firstValue("Content-Encoding")).as(path).isEmpty();
            assertThat(new String(plain.body(), StandardCharsets.UTF_8)).as(path).isEqualTo(INDEX);
        }
    }

    @Test
    void unhashedFileWithoutGzipVariant_isPlain_noVary_revalidated() throws Exception {
        HttpResponse<byte[]> response = get("/assets/plain.js", "gzip");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(response.headers().firstValue("Vary")).isEmpty();
        assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-cache");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(PLAIN);
    }

    @Test
    void apiHealthAndMissingFiles_areUntouched() throws Exception {
        HttpResponse<byte[]> api = get("/api/sessions/current", "gzip");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().allValues("Cache-Control")).containsExactly("no-store");
        assertThat(api.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(api.headers().firstValue("Vary")).isEmpty();

        HttpResponse<byte[]> health = get("/health", "gzip");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new String(health.body(), StandardCharsets.UTF_8)).contains("\"status\":\"UP\"");

        for (String path : new String[] {"/assets/missing-AbCdEf12.js", "/assets/"}) {
            HttpResponse<byte[]> missing = get(path, "gzip");
            assertThat(missing.statusCode()).as(path).isEqualTo(404);
            assertThat(missing.headers().firstValue("Content-Encoding")).as(path).isEmpty();
        }
    }

    private static HttpResponse<byte[]> get(String path, String acceptEncoding) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(path)).GET();
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void writeWithGzip(Path file, String text) throws IOException {
        Files.writeString(file, text);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file.resolveSibling(file.getFileName()
                + ".gz")))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
