package io.couchgate.adapters.http.security;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import org.reactivestreams.Publisher;

/**
 * Adds security headers to every response, successes and errors alike; bodies are never touched, so the
 * {@code /database} proxy's streaming is unaffected. Ordered first, outside the proxy and micronaut-security's
 * filters, so it also sees the responses they make themselves.
 * <ul>
 *   <li>every response: {@code X-Content-Type-Options: nosniff};</li>
 *   <li>under {@code /api}: {@code Cache-Control: no-store} (a login response carries the token; RFC 9111, 5.2.2.5);</li>
 *   <li>everywhere but {@code /database} (the app's pages, {@code /health}, errors): {@code X-Frame-Options: DENY},
 *       {@code Content-Security-Policy: frame-ancestors 'none'} and {@code Referrer-Policy: no-referrer}. Under
 *       {@code /database} CouchDB's own headers pass on as they are.</li>
 * </ul>
 */
@Filter(Filter.MATCH_ALL_PATTERN)
final class SecurityHeadersFilter implements HttpServerFilter {

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        String path = request.getPath();
        return Publishers.map(chain.proceed(request), response -> {
            addHeaders(path, response.getHeaders());
            return response;
        });
    }

    private static void addHeaders(String path, MutableHttpHeaders headers) {
        headers.set("X-Content-Type-Options", "nosniff");
        if (isUnder(path, "/api")) {
            headers.set("Cache-Control", "no-store");
        }
        if (!isUnder(path, "/database")) {
            headers.set("X-Frame-Options", "DENY");
            headers.set("Content-Security-Policy", "frame-ancestors 'none'");
            headers.set("Referrer-Policy", "no-referrer");
        }
    }

    private static boolean isUnder(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
