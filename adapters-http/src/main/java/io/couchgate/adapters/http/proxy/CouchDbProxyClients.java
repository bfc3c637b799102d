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
 * The two HTTP clients towards CouchDB. Ordinary requests: pooled keep-alive connections and the read timeout.
 * {@code _changes} feeds: no read timeout, and a connection of their own (unpooled, see {@link FeedDisconnects}).
 * Both pass redirects and compressed bodies on as CouchDB sends them. They are standalone clients, not beans, so no
 * application client filter (such as token propagation) ever sees a proxied request.
 */
final class CouchDbProxyClients implements Closeable {

    private final ProxyHttpClient requests;
    private final ProxyHttpClient feeds;

    CouchDbProxyClients(DatabaseProxySettings settings, Optional<CouchDbTlsTrust> trust) {
        this.requests = create(settings, false, trust);
        this.feeds = create(settings, true, trust);
    }

    /**
     * @param feed true for a {@code _changes} feed that may stay silent for a long time
     * @return the client to use
     */
    ProxyHttpClient client(boolean feed) {
        return feed ? feeds : requests;
    }

    private static ProxyHttpClient create(DatabaseProxySettings settings, boolean feed,
                                          Optional<CouchDbTlsTrust> trust) {
        DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
        configuration.setConnectTimeout(settings.connectTimeout());
        configuration.setReadTimeout(feed ? null : settings.readTimeout());
        configuration.getConnectionPoolConfiguration().setEnabled(!feed);
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
        closeQuietly(requests);
        closeQuietly(feeds);
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
