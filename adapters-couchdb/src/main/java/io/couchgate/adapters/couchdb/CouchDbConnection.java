package io.couchgate.adapters.couchdb;

import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.CouchDbException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.ResponseClosedException;
import io.micronaut.http.client.netty.DefaultHttpClient;
import io.micronaut.http.client.netty.ssl.ClientSslBuilder;
import io.micronaut.serde.ObjectMapper;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * couchgate's HTTP connection to CouchDB: a blocking micronaut-http-client with the configured timeouts and TLS
 * trust, JSON by micronaut-serde. Credentials travel only as {@code Authorization: Basic} headers and are never
 * logged. Every HTTP-client failure leaves it as a {@link CouchDbException}.
 */
public final class CouchDbConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CouchDbConnection.class);
    /** Methods that RFC 9110 section 9.2.2 calls idempotent and that couchgate sends. */
    private static final Set<HttpMethod> IDEMPOTENT =
            Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT, HttpMethod.DELETE);
    private static final Duration POOL_IDLE_TIMEOUT = Duration.ofSeconds(4);

    private final CouchDbSettings settings;
    private final String base;
    private final HttpClient client;
    private final ObjectMapper json;
    private final AtomicLong requests = new AtomicLong();

    private CouchDbConnection(CouchDbSettings settings, HttpClient client, ObjectMapper json) {
        this.settings = settings;
        String url = settings.baseUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.client = client;
        this.json = json;
    }

    /**
     * Opens a connection with micronaut-serde's default {@link ObjectMapper}.
     *
     * @param settings URL, timeouts and TLS options
     * @return the connection; close it at shutdown
     * @throws IllegalArgumentException if the CA file cannot be used
     */
    public static CouchDbConnection open(CouchDbSettings settings) {
        return open(settings, ObjectMapper.getDefault());
    }

    /**
     * @param settings URL, timeouts and TLS options
     * @param json the serde mapper (e.g. the application context's bean)
     * @return the connection; close it at shutdown
     * @throws IllegalArgumentException if the CA file cannot be used
     */
    public static CouchDbConnection open(CouchDbSettings settings, ObjectMapper json) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(json, "json");
        DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
        configuration.setConnectTimeout(settings.connectTimeout());
        configuration.setReadTimeout(settings.readTimeout());
        // A pooled connection idle this long is closed by the client before the server's keep-alive timeout (Node.js,
        // the dev server: 5 s) can close it just as a request is sent on it (seen as a rare 503 on a first login).
        configuration.setConnectionPoolIdleTimeout(POOL_IDLE_TIMEOUT);
        configuration.setExceptionOnErrorStatus(false);
        configuration.setFollowRedirects(false);
        // The client asks for its TLS context at construction, for http URLs too; it is used for https only.
        SslContext tls = TlsTrust.clientContext(settings.caFileIfSet());
        ClientSslBuilder sslBuilder = (sslConfiguration, versions) -> tls;
        HttpClient client = new DefaultHttpClient(settings.baseUrl(), configuration, sslBuilder);
        return new CouchDbConnection(settings, client, json);
    }

    /** @return the server's root URL */
    public URI baseUrl() {
        return settings.baseUrl();
    }

    /** @return which server this is ({@code couchgate.couchdb.compatibility}) */
    public CouchDbCompatibility compatibility() {
        return settings.compatibility();
    }

    /**
     * One anonymous {@code GET /}, for the health indicator.
     *
     * @return true when CouchDB answers 200 with its welcome (with {@code pouchdb-server} compatibility, the dev
     *         server's {@code express-pouchdb} welcome counts too); false when it answers otherwise or cannot be
     *         reached
     */
    public boolean isUp() {
        try {
            Reply reply = send(HttpMethod.GET, "/", null, null);
            return reply.is(200) && read(reply, Welcome.class).isWelcome(settings.compatibility());
        } catch (CouchDbException e) {
            LOG.debug("CouchDB is down: {}", e.getMessage());
            return false;
        }
    }

    /**
     * @param method the method
     * @param path the path (already percent-encoded) and query, starting with {@code /}
     * @param auth Basic credentials, or null for an anonymous request
     * @param body a DTO to send as JSON, or null for none
     * @return the answer, whatever its status
     * @throws CouchDbException if no answer arrived (refused, timed out, TLS failed); an idempotent request
     *     (GET, HEAD, PUT, DELETE) whose pooled connection closed before any answer is sent once more first
     */
    Reply send(HttpMethod method, String path, CouchCredentials auth, Object body) {
        MutableHttpRequest<Object> request = HttpRequest.create(method, base + path);
        request.accept(MediaType.APPLICATION_JSON_TYPE);
        if (auth != null) {
            request.basicAuth(auth.name(), auth.password());
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON_TYPE).body(write(body));
        }
        try {
            return exchange(method, path, request);
        } catch (RuntimeException e) {
            if (IDEMPOTENT.contains(method) && closedBeforeAnswer(e)) {
                LOG.debug("{} {}: the connection closed before an answer; sent once more", method, path);
                try {
                    return exchange(method, path, request);
                } catch (RuntimeException again) {
                    throw new CouchDbException(method + " " + path + " failed: " + again.getMessage(), again);
                }
            }
            throw new CouchDbException(method + " " + path + " failed: " + e.getMessage(), e);
        }
    }

    private Reply exchange(HttpMethod method, String path, MutableHttpRequest<Object> request) {
        requests.incrementAndGet();
        HttpResponse<byte[]> response = client.toBlocking().exchange(request, Argument.of(byte[].class),
                Argument.of(byte[].class));
        Reply reply = new Reply(method.name(), path, response.code(), response.getBody().orElse(new byte[0]));
        LOG.debug("{} {} -> {}", method, path, reply.status());
        return reply;
    }

    /**
     * A pooled keep-alive connection that the server closed just as a request went out ends in
     * {@link ResponseClosedException} with no answer; RFC 9112 section 9.3.1 lets a client send an idempotent
     * request once more then.
     */
    private static boolean closedBeforeAnswer(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ResponseClosedException) {
                return true;
            }
        }
        return false;
    }

    /** @return how long a request may wait for its answer (a longpoll must answer sooner) */
    Duration readTimeout() {
        return settings.readTimeout();
    }

    /** @return how many requests this connection has sent (for measurements) */
    long requestCount() {
        return requests.get();
    }

    <T> T read(Reply reply, Class<T> type) {
        try {
            return json.readValue(reply.body(), Argument.of(type));
        } catch (IOException | RuntimeException e) {
            throw new CouchDbException(reply.describe() + " with a body that is not the expected JSON", e);
        }
    }

    <T> List<T> readList(Reply reply, Class<T> type) {
        try {
            return json.readValue(reply.body(), Argument.listOf(type));
        } catch (IOException | RuntimeException e) {
            throw new CouchDbException(reply.describe() + " with a body that is not the expected JSON", e);
        }
    }

    /** @return {@code text} as a JSON string literal, e.g. for a {@code startkey} parameter */
    String jsonString(String text) {
        return new String(write(text), StandardCharsets.UTF_8);
    }

    private byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new CouchDbException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Closes the HTTP client. */
    @Override
    public void close() {
        client.close();
    }
}
