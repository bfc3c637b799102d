package io.couchgate.adapters.couchdb.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A minimal JSON-over-HTTP client for one CouchDB server, used by the harness and its tests.
 * Paths are appended to the server URL unchanged, so percent-encoding such as {@code %2F} in a
 * document id reaches the server as written.
 */
final class CouchHttp {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final HttpClient client;

    /**
     * Creates a client for one server.
     *
     * @param base the server's root URL, without a trailing slash
     */
    CouchHttp(URI base) {
        this.base = base;
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Sends one request and reads the whole answer as text.
     *
     * @param method the HTTP method, such as {@code PUT}
     * @param path the raw path (and query) starting with {@code /}, already percent-encoded
     * @param jsonBody the body, sent with {@code Content-Type: application/json}; {@code null} for none
     * @param credentials Basic credentials; {@code null} for an anonymous request
     * @return the response with its body as a string
     * @throws UncheckedIOException when the server cannot be reached
     */
    HttpResponse<String> send(String method, String path, String jsonBody, BasicCredentials credentials) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(TIMEOUT)
                .header("Accept", "application/json");
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        if (credentials != null) {
            request.header("Authorization", credentials.authorizationHeader());
        }
        return execute(request.build());
    }

    private HttpResponse<String> execute(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + request.method() + " " + request.uri(), e);
        }
    }
}
