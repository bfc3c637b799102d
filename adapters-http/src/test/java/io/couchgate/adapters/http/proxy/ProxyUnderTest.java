package io.couchgate.adapters.http.proxy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * couchgate's HTTP server with the proxy pointed at {@code couchDbUrl}, the fake sessions, and micronaut-security
 * configured as recommended for bootstrap ({@code /database/**} anonymous: the proxy authenticates by itself).
 */
final class ProxyUnderTest implements AutoCloseable {

    private final EmbeddedServer server;

    ProxyUnderTest(URI couchDbUrl, Duration readTimeout) {
        this(couchDbUrl, readTimeout, Map.of());
    }

    ProxyUnderTest(URI couchDbUrl, Duration readTimeout, Map<String, Object> moreProperties) {
        Map<String, Object> properties = new java.util.HashMap<>(Map.of(
                ProxyTestBeans.URL, couchDbUrl.toString(),
                ProxyTestBeans.READ_TIMEOUT, readTimeout.toMillis() + "ms",
                "micronaut.server.port", -1,
                "micronaut.server.netty.compression-threshold", -1,
                "micronaut.server.netty.request-decompression-enabled", false,
                "micronaut.security.intercept-url-map[0].pattern", "/database/**",
                "micronaut.security.intercept-url-map[0].access[0]", "isAnonymous()"));
        properties.putAll(moreProperties);
        server = ApplicationContext.run(EmbeddedServer.class, properties);
    }

    int port() {
        return server.getPort();
    }

    ApplicationContext context() {
        return server.getApplicationContext();
    }

    FakeSessions sessions() {
        return (FakeSessions) server.getApplicationContext()
                .getBean(io.couchgate.application.port.in.ResolveDatabaseCredentialsUseCase.class);
    }

    RawResponse send(String method, String target, List<String> headers, String body) throws IOException {
        return RawHttpClient.exchange(port(), method, target, headers, body);
    }

    /** Sends with the live session's bearer token. */
    RawResponse sendAuthenticated(String method, String target, List<String> headers, String body)
            throws IOException {
        List<String> all = new java.util.ArrayList<>(headers);
        all.add("Authorization: Bearer " + FakeSessions.TOKEN);
        return send(method, target, all, body);
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
