package io.couchgate.bootstrap.browser;

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

/**
 * couchgate wired as in production, started the way the end-to-end tests start it ({@code e2e.RunningCouchgate}),
 * on a random loopback port, and also serving the example browser app at {@code /}.
 */
final class CouchgateWithUi implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final EmbeddedServer server;

    private CouchgateWithUi(EmbeddedServer server) {
        this.server = server;
    }

    /**
     * @param couchDbUrl the CouchDB couchgate takes charge of
     * @param dataDir where its secrets file lives
     * @param uiDir the built app ({@code examples/react-notes/dist}), absolute
     * @return the started server
     */
    static CouchgateWithUi start(URI couchDbUrl, Path dataDir, Path uiDir) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("couchgate.couchdb.url", couchDbUrl.toString());
        properties.put("couchgate.data-dir", dataDir.toString());
        // Cheap Argon2id, as in the end-to-end tests; the default parameters have their own tests in application.
        properties.put("couchgate.password.argon2.memory-kib", 1024);
        properties.put("couchgate.password.argon2.iterations", 1);
        properties.put("couchgate.ui.enabled", true);
        properties.put("couchgate.ui.dir", uiDir.toAbsolutePath().toString());
        return new CouchgateWithUi(ApplicationContext.run(EmbeddedServer.class, properties));
    }

    /** @return the absolute URL of {@code path} on this server, e.g. {@code http://127.0.0.1:41234/} */
    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    /** A GET with {@code Authorization: Bearer <token>}, from outside any browser. */
    HttpResponse<String> get(String path, String bearerToken) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).header("Accept", "application/json")
                .header("Authorization", "Bearer " + bearerToken).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** @return a JSON object body as a map, read with the application's own mapper */
    @SuppressWarnings("unchecked")
    Map<String, Object> json(String body) throws IOException {
        return server.getApplicationContext().getBean(JsonMapper.class).readValue(body, Map.class);
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
