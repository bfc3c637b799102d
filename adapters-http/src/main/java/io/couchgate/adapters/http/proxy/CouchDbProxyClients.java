package io.couchgate.adapters.http.proxy;

import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.ProxyHttpClient;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.time.Duration;

/**
 * The two HTTP clients towards CouchDB: one with the read timeout for ordinary requests, one without it for
 * {@code _changes} feeds. Both keep redirects and compressed bodies as CouchDB sends them. Standalone clients
 * (not beans): no application client filter, such as token propagation, ever sees a proxied request.
 */
final class CouchDbProxyClients implements Closeable {

    private final ProxyHttpClient requests;
    private final ProxyHttpClient feeds;

    CouchDbProxyClients(DatabaseProxySettings settings) {
        this.requests = create(settings, settings.readTimeout());
        this.feeds = create(settings, null);
    }

    /**
     * @param feed true for a {@code _changes} feed that may stay silent for a long time
     * @return the client to use
     */
    ProxyHttpClient client(boolean feed) {
        return feed ? feeds : requests;
    }

    private static ProxyHttpClient create(DatabaseProxySettings settings, Duration readTimeout) {
        DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
        configuration.setConnectTimeout(settings.connectTimeout());
        configuration.setReadTimeout(readTimeout);
        configuration.setFollowRedirects(false);
        configuration.setDecompressionEnabled(false);
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
