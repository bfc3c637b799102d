package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CouchDB's non-JSON answers (attachments, {@code text/plain}, multipart replication answers) leave couchgate with a
 * sandbox CSP, {@code X-Frame-Options: DENY} and {@code nosniff} set by couchgate itself, whatever CouchDB sent;
 * JSON answers keep CouchDB's headers. Bodies pass byte for byte either way.
 */
class DatabaseProxySandboxTest extends ProxyOverStub {

    private static final String SANDBOX = "sandbox; default-src 'none'";
    private static final byte[] HTML = "<!doctype html><script>fetch('/api/sessions/current')</script>"
            .getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text/html", "text/html; charset=utf-8", "image/svg+xml", "application/octet-stream",
        "application/xhtml+xml", "text/xml", "application/javascript", "image/png", "text/plain; charset=utf-8",
        "multipart/related; boundary=\"abc\"", "multipart/mixed; boundary=\"abc\"", "text/event-stream",
        "application/json, text/html", "application/jsonp", "application/problem+json", "application/json-seq",
        "garbage"})
    void nonJsonAnswer_getsSandboxFrameDenyAndNosniff_bodyUnchanged(String contentType) throws Exception {
        couchDb.answerWith(exchange -> answer(exchange, contentType, HTML));

        RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/doc/page.html", List.of(), null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(HTML);
        assertThat(response.header("content-type")).containsExactly(contentType);
        assertSandboxed(response);
    }

    @Test
    void answerWithoutContentType_isSandboxed() throws Exception {
        couchDb.answerWith(exchange -> answer(exchange, null, HTML));

        RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/doc/page", List.of(), null);

        assertThat(response.header("content-type")).isEmpty();
        assertThat(response.body()).isEqualTo(HTML);
        assertSandboxed(response);
    }

    @Test
    void couchDbsOwnWeakerPolicyAndFrameOptions_areReplaced_notAdded() throws Exception {
        couchDb.answerWith(exchange -> {
            exchange.getResponseHeaders().add("Content-Security-Policy", "default-src *");
            exchange.getResponseHeaders().add("Content-Security-Policy", "sandbox allow-scripts");
            exchange.getResponseHeaders().add("X-Frame-Options", "ALLOWALL");
            exchange.getResponseHeaders().add("X-Content-Type-Options", "sniff-away");
            answer(exchange, "image/svg+xml", HTML);
        });

        RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/doc/logo.svg", List.of(), null);

        assertSandboxed(response);
    }

    @Test
    void headOfAnAttachment_isSandboxedToo() throws Exception {
        couchDb.answerWith(exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });

        RawResponse response = proxy.sendAuthenticated("HEAD", "/database/posts/doc/page.html", List.of(), null);

        assertThat(response.status()).isEqualTo(200);
        assertSandboxed(response);
    }

    @Test
    void chunkedHtmlAnswer_streamsUnchanged_andIsSandboxed() throws Exception {
        couchDb.answerWith(exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(HTML, 0, 10);
                out.flush();
                out.write(HTML, 10, HTML.length - 10);
            }
        });

        RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/doc/page.html", List.of(), null);

        assertThat(response.body()).isEqualTo(HTML);
        assertSandboxed(response);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON",
        " application/json ;charset=utf-8"})
    void jsonAnswer_keepsCouchDbsHeaders_plusNosniff(String contentType) throws Exception {
        byte[] json = "{\"_id\":\"doc\",\"_rev\":\"1-a\"}".getBytes(StandardCharsets.UTF_8);
        couchDb.answerWith(exchange -> answer(exchange, contentType, json));

        RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/doc", List.of(), null);

        assertThat(response.body()).isEqualTo(json);
        assertThat(response.header("x-content-type-options")).containsExactly("nosniff");
        assertThat(response.headers()).doesNotContainKeys("content-security-policy", "x-frame-options",
                "referrer-policy");
    }

    @Test
    void jsonAnswer_withCouchDbsOwnPolicy_passesItUnchanged() throws Exception {
        couchDb.answerWith(exchange -> {
            exchange.getResponseHeaders().add("Content-Security-Policy", "child-src 'self'");
            UpstreamStub.respond(exchange, 200, "{\"ok\":true}");
        });

        RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/doc", List.of(), null);

        assertThat(response.header("content-security-policy")).containsExactly("child-src 'self'");
        assertThat(response.headers()).doesNotContainKey("x-frame-options");
    }

    @Test
    void twoContentTypes_oneOfThemJson_isSandboxed() throws Exception {
        couchDb.answerWith(exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, HTML.length);
            exchange.getResponseBody().write(HTML);
            exchange.close();
        });

        RawResponse response = proxy.sendAuthenticated("GET", "/database/posts/doc/page", List.of(), null);

        assertThat(response.body()).isEqualTo(HTML);
        assertSandboxed(response);
    }

    private static void assertSandboxed(RawResponse response) {
        assertThat(response.header("content-security-policy")).containsExactly(SANDBOX);
        assertThat(response.header("x-frame-options")).containsExactly("DENY");
        assertThat(response.header("x-content-type-options")).containsExactly("nosniff");
        assertThat(response.headers()).doesNotContainKey("referrer-policy");
    }

    private static void answer(HttpExchange exchange, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
