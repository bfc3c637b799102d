package io.couchgate.bootstrap.proxy;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.bootstrap.secrets.FileSecretsStore;
import io.couchgate.bootstrap.testing.RecordingRelay;
import io.couchgate.domain.CouchCredentials;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything real, shared by one test class: a fresh CouchDB ({@code CouchDbExtension.freshServer()}), a
 * {@link RecordingRelay} in front of it, and couchgate (in this JVM, wired as in production) talking to CouchDB
 * through the relay. Gives raw access to both sides: through couchgate with a Bearer token, and straight to CouchDB
 * as couchgate's admin (past the relay, so it is not recorded).
 */
final class CouchgateStack implements AutoCloseable {

    private final CouchDbServer couch;
    private final RecordingRelay relay;
    private final Path dataDir;
    private final EmbeddedServer couchgate;

    private CouchgateStack(CouchDbServer couch, RecordingRelay relay, Path dataDir, EmbeddedServer couchgate) {
        this.couch = couch;
        this.relay = relay;
        this.dataDir = dataDir;
        this.couchgate = couchgate;
    }

    static CouchgateStack start() throws IOException {
        return start(true, Map.of());
    }

    /**
     * @param recorded whether couchgate reaches CouchDB through the relay (false: straight, for measurements; the
     *                 relay then stands idle)
     * @param extra more couchgate configuration (overrides)
     */
    static CouchgateStack start(boolean recorded, Map<String, Object> extra) throws IOException {
        CouchDbServer couch = CouchDbExtension.freshServer();
        RecordingRelay relay = RecordingRelay.start(couch.url().getPort());
        Path dataDir = Files.createTempDirectory("couchgate-proxy-e2e").resolve("data");
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        int upstreamPort = recorded ? relay.port() : couch.url().getPort();
        properties.put("couchgate.couchdb.url", "http://127.0.0.1:" + upstreamPort);
        properties.put("couchgate.data-dir", dataDir.toString());
        properties.put("couchgate.password.argon2.memory-kib", 1024);
        properties.put("couchgate.password.argon2.iterations", 1);
        // No reaper run in the middle of a test that counts CouchDB requests.
        properties.put("couchgate.sessions.reaper-interval", "1h");
        properties.putAll(couch.couchgateProperties());
        properties.putAll(extra);
        return new CouchgateStack(couch, relay, dataDir, ApplicationContext.run(EmbeddedServer.class, properties));
    }

    /** @return couchgate's bean of that type */
    <T> T bean(Class<T> type) {
        return couchgate.getApplicationContext().getBean(type);
    }

    RecordingRelay relay() {
        return relay;
    }

    int couchgatePort() {
        return couchgate.getPort();
    }

    int couchDbPort() {
        return couch.url().getPort();
    }

    /** Signs a new app user up and logs them in through {@code /api}; returns the Bearer token. */
    String signUpAndLogIn(String username) {
        return AppSessions.signUpAndLogIn(couchgatePort(), username);
    }

    /** A request to couchgate carrying {@code Authorization: Bearer <token>} (when the token is not null). */
    RawResponse through(String method, String target, String token, Map<String, String> headers, byte[] body) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (token != null) {
            all.put("Authorization", "Bearer " + token);
        }
        return RawHttp.send(couchgatePort(), method, target, all, body);
    }

    /** The same request straight to CouchDB as couchgate's admin, past the relay. */
    RawResponse direct(String method, String target, Map<String, String> headers, byte[] body) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Authorization", adminAuthorization());
        return RawHttp.send(couchDbPort(), method, target, all, body);
    }

    /** {@code Basic ...} of couchgate's admin, read from its secrets file. */
    String adminAuthorization() {
        CouchCredentials admin = new FileSecretsStore(dataDir).load().orElseThrow().admin();
        return "Basic " + Base64.getEncoder().encodeToString((admin.name() + ":" + admin.password())
                .getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> parse(String jsonText) {
        try {
            return couchgate.getApplicationContext().getBean(JsonMapper.class).readValue(jsonText, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON array of objects, e.g. a {@code _bulk_docs} answer. */
    java.util.List<Map<String, Object>> parseList(String jsonText) {
        try {
            return couchgate.getApplicationContext().getBean(JsonMapper.class).readValue(jsonText,
                    io.micronaut.core.type.Argument.listOf(io.micronaut.core.type.Argument.mapOf(String.class,
                            Object.class)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> json() {
        return Map.of("Content-Type", "application/json", "Accept", "application/json");
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        try {
            couchgate.getApplicationContext().close();
        } finally {
            relay.close();
            couch.close();
        }
    }
}
