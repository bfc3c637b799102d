package io.couchgate.adapters.couchdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.couchgate.domain.CouchCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A plain JDK HTTP client for tests: what a session user or an anonymous browser would send to CouchDB. */
final class RawCouch {

    static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    RawCouch(URI base) {
        this.base = base;
    }

    /** One answer: status and body parsed as JSON. */
    record Answer(int status, JsonNode json) {

        String error() {
            return json.path("error").asText();
        }

        String reason() {
            return json.path("reason").asText();
        }
    }

    Answer send(String method, String path, String jsonBody, CouchCredentials credentials) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        if (credentials != null) {
            String pair = credentials.name() + ":" + credentials.password();
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Answer(response.statusCode(), JSON.readTree(body.isEmpty() ? "null" : body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static CouchCredentials adminOf(io.couchgate.adapters.couchdb.testing.CouchDbServer server) {
        return new CouchCredentials(server.adminUser().orElseThrow(), server.adminPassword().orElseThrow());
    }
}
