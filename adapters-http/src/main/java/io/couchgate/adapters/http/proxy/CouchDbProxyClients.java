package io.couchgate.adapters.http.proxy;

import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.ProxyHttpClient;
import io.micronaut.http.client.netty.DefaultHttpClient;
import io.netty.handler.ssl.SslContext;
import java.util.Optional;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;

/**
 * The HTTP clients towards CouchDB. Ordinary requests: pooled keep-alive connections and the read timeout. Every
 * {@code _changes} request and every large upload: a connection of its own (unpooled), so that it can be closed when
 * the client goes away ({@link FeedDisconnects}); with the read timeout, or without it for feeds that may stay silent
 * for a long time and for uploads still being sent. All pass redirects and compressed bodies on as CouchDB sends them.
 * They are standalone clients, not beans, so no application client filter (such as token propagation) ever sees a
 * proxied request.
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
        if (trust.isPresent()) {
            SslContext context = trust.get().context();
            return new DefaultHttpClient(settings.couchDbUrl(), configuration, (ssl, versions) -> context);
        }
        try {
            return ProxyHttpClient.create(settings.couchDbUrl().toURL(), configuration);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("couchDbUrl is not a URL", e);
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
