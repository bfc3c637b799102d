package io.couchgate.bootstrap.testing;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** couchgate, wired as in production, on a random loopback port; closing it stops it like a shutdown. */
public final class RunningCouchgate implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String COMPATIBILITY = "couchgate.couchdb.compatibility";

    private final EmbeddedServer server;

    private RunningCouchgate(EmbeddedServer server) {
        this.server = server;
    }

    /**
     * Starts couchgate on a server from the test harness, with {@link CouchDbServer#couchgateProperties()} (its
     * compatibility, and a {@link CouchDbExtension#freshServer()}'s bootstrap admin).
     *
     * @param couch the CouchDB couchgate takes charge of
     * @param dataDir where its secrets file lives
     * @param extra more configuration (overrides)
     * @return the started server
     */
    public static RunningCouchgate start(CouchDbServer couch, Path dataDir, Map<String, Object> extra) {
        return start(couch, couch.url(), dataDir, extra);
    }

    /**
     * Starts couchgate on a server from the test harness reached through {@code through} (a relay in front of it),
     * with {@link CouchDbServer#couchgateProperties()}.
     *
     * @param couch the CouchDB couchgate takes charge of
     * @param through the URL couchgate is given for it
     * @param dataDir where its secrets file lives
     * @param extra more configuration (overrides)
     * @return the started server
     */
    public static RunningCouchgate start(CouchDbServer couch, URI through, Path dataDir, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(couch.couchgateProperties());
        properties.putAll(extra);
        return start(through, dataDir, properties);
    }

    /**
     * @param couchDbUrl the CouchDB couchgate takes charge of (or a relay in front of it)
     * @param dataDir where its secrets file lives
     * @param extra more configuration (overrides), e.g. {@code couchgate.ui.enabled} and {@code couchgate.ui.dir};
     *     without {@code couchgate.couchdb.compatibility}, {@link CouchDbExtension#compatibilityAt} the URL
     * @return the started server
     */
    public static RunningCouchgate start(URI couchDbUrl, Path dataDir, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("couchgate.couchdb.url", couchDbUrl.toString());
        properties.put("couchgate.data-dir", dataDir.toString());
        // Cheap Argon2id keeps the suite fast; the default parameters have their own tests in application.
        properties.put("couchgate.password.argon2.memory-kib", 1024);
        properties.put("couchgate.password.argon2.iterations", 1);
        properties.putAll(extra);
        properties.computeIfAbsent(COMPATIBILITY, key -> CouchDbExtension.compatibilityAt(couchDbUrl));
        return new RunningCouchgate(ApplicationContext.run(EmbeddedServer.class, properties));
    }

    /** @return the application context of the running server, to reach its beans */
    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    /** @return the absolute URL of {@code path} on this server, e.g. {@code http://127.0.0.1:41234/} */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    /**
     * Sends a request with {@code Accept: application/json}.
     *
     * @param method the HTTP method
     * @param path the path (and query) on this server
     * @param jsonBody a JSON body, sent with {@code Content-Type: application/json}; {@code null} for none
     * @param bearerToken sent as {@code Authorization: Bearer <token>}; {@code null} for none
     * @return the response, body as a string
     * @throws IllegalStateException when the request cannot be sent
     */
    public HttpResponse<String> send(String method, String path, String jsonBody, String bearerToken) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
        }
        b.header("Accept", "application/json");
        if (bearerToken != null) {
            b.header("Authorization", "Bearer " + bearerToken);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @return a JSON object body as a map, read with the application's own mapper */
    @SuppressWarnings("unchecked")
    public Map<String, Object> json(String body) throws IOException {
        return context().getBean(JsonMapper.class).readValue(body, Map.class);
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
