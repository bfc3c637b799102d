package io.couchgate.adapters.http.proxy;

import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.ProxyHttpClient;
import io.micronaut.http.client.netty.DefaultHttpClient;
import io.micronaut.http.client.netty.DefaultHttpClientBuilder;
import io.micronaut.http.client.netty.NettyClientCustomizer;
import io.netty.handler.ssl.SslContext;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * The HTTP clients towards CouchDB. Ordinary requests: pooled keep-alive connections and the read timeout. Every
 * {@code _changes} request and every large upload: a connection of its own (unpooled), so that it can be closed when
 * the client goes away ({@link FeedDisconnects}); with the read timeout, or without it for feeds that may stay silent
 * for a long time and for uploads still being sent. All pass redirects and compressed bodies on as CouchDB sends them.
 * They are standalone clients, not beans, so no application client filter (such as token propagation) ever sees a
 * proxied request. On their connections {@link RawQueryRestorer} puts a client's raw query back into the request
 * line ({@link RawQueryMarker}).
 */
final class CouchDbProxyClients implements Closeable {

    private final ProxyHttpClient pooled;
    private final ProxyHttpClient dedicated;
    private final ProxyHttpClient dedicatedUntimed;

    CouchDbProxyClients(DatabaseProxySettings settings, Optional<CouchDbTlsTrust> trust) {
        this.pooled = create(settings, true, true, trust);
        this.dedicated = create(settings, false, true, trust);
        this.dedicatedUntimed = create(settings, false, false, trust);
    }

    /** @return the client with pooled keep-alive connections and the read timeout */
    ProxyHttpClient pooled() {
        return pooled;
    }

    /**
     * @param readTimeout whether CouchDB's silence is bounded by the read timeout
     * @return a client that opens a connection per request and closes it after the response
     */
    ProxyHttpClient dedicated(boolean readTimeout) {
        return readTimeout ? dedicated : dedicatedUntimed;
    }

    private static ProxyHttpClient create(DatabaseProxySettings settings, boolean pool, boolean readTimeout,
                                          Optional<CouchDbTlsTrust> trust) {
        DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
        configuration.setConnectTimeout(settings.connectTimeout());
        configuration.setReadTimeout(readTimeout ? settings.readTimeout() : null);
        configuration.getConnectionPoolConfiguration().setEnabled(pool);
        configuration.setFollowRedirects(false);
        configuration.setDecompressionEnabled(false);
        DefaultHttpClientBuilder builder = DefaultHttpClient.builder().uri(settings.couchDbUrl())
                .configuration(configuration);
        if (trust.isPresent()) {
            SslContext context = trust.get().context();
            builder.nettyClientSslBuilder((ssl, versions) -> context);
        }
        withCustomizer(builder, RawQueryRestorer.customizer());
        return builder.build();
    }

    /**
     * The builder takes a {@link NettyClientCustomizer} ({@link RawQueryRestorer}) through a method that is not
     * public (Micronaut 4.10; its public constructors that take one are deprecated and need a dozen defaults): called
     * reflectively, once per client at startup.
     *
     * @throws IllegalStateException when this Micronaut has no such method (the proxy then does not start)
     */
    private static void withCustomizer(DefaultHttpClientBuilder builder, NettyClientCustomizer customizer) {
        try {
            Method method = DefaultHttpClientBuilder.class.getDeclaredMethod("clientCustomizer",
                    NettyClientCustomizer.class);
            method.setAccessible(true);
            method.invoke(builder, customizer);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Micronaut's HTTP client builder does not take a client customizer", e);
        }
    }

    @Override
    public void close() {
        closeQuietly(pooled);
        closeQuietly(dedicated);
        closeQuietly(dedicatedUntimed);
    }

    private static void closeQuietly(ProxyHttpClient client) {
        if (client instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
