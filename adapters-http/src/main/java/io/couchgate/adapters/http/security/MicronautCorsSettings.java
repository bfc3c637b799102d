package io.couchgate.adapters.http.security;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.HttpServerConfiguration;
import jakarta.inject.Singleton;

/**
 * Keeps Micronaut's own CORS support ({@code micronaut.server.cors.*}, its {@code CorsFilter}) out of couchgate's
 * way; {@link CrossOriginFilter} serves CORS instead.
 * <ul>
 *   <li>Its "drive-by localhost" check is turned off ({@code localhost-pass-through}): it answers 403 with an empty
 *       body to any request whose {@code Origin} is not {@code localhost}/{@code 127.0.0.1} while the {@code Host}
 *       it resolves is, and a reverse proxy that rewrites {@code Host} to couchgate's loopback address (nginx's
 *       default) made every browser write of the app's own pages such a request. It guards unauthenticated local
 *       endpoints against simple cross-site requests; couchgate has none that act on them (every {@code /api} write
 *       is a {@code PUT} or {@code DELETE} with JSON, and {@code /database} needs {@code Authorization}: each needs
 *       a preflight, which {@link CorsPolicy} refuses to unknown origins).</li>
 *   <li>Turning it on ({@code micronaut.server.cors.enabled: true}) stops the start: its headers would double or
 *       contradict couchgate's. Use {@code couchgate.cors.allowed-origins}.</li>
 * </ul>
 */
@Singleton
final class MicronautCorsSettings implements BeanCreatedEventListener<HttpServerConfiguration.CorsConfiguration> {

    /**
     * @param event the configuration being made
     * @return it, with the localhost pass-through on
     * @throws IllegalStateException when Micronaut's CORS is enabled
     */
    @Override
    public HttpServerConfiguration.CorsConfiguration onCreated(
            BeanCreatedEvent<HttpServerConfiguration.CorsConfiguration> event) {
        HttpServerConfiguration.CorsConfiguration cors = event.getBean();
        if (cors.isEnabled()) {
            throw new IllegalStateException("couchgate answers CORS itself: set couchgate.cors.allowed-origins and "
                    + "leave micronaut.server.cors.enabled false");
        }
        cors.setLocalhostPassThrough(true);
        return cors;
    }
}
