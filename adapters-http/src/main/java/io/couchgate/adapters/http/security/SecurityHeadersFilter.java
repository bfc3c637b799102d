package io.couchgate.adapters.http.security;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.List;
import java.util.Optional;
import org.reactivestreams.Publisher;

/**
 * Adds security headers to every response, successes and errors alike; bodies are never touched, so the
 * {@code /database} proxy's streaming is unaffected. Ordered first, outside the proxy and micronaut-security's
 * filters, so it also sees the responses they make themselves.
 * <ul>
 *   <li>every response: {@code X-Content-Type-Options: nosniff};</li>
 *   <li>under {@code /api}: {@code Cache-Control: no-store} (a login response carries the token; RFC 9111,
 *       5.2.2.5);</li>
 *   <li>everywhere but {@code /database} (the app's pages, {@code /health}, errors): {@code X-Frame-Options: DENY},
 *       {@code Referrer-Policy: no-referrer} and the pages' strict {@code Content-Security-Policy}
 *       ({@link ContentSecurityPolicies#pages}, {@code connect-src} widened by {@link AllowedOrigins});</li>
 *   <li>under {@code /database}, an answer that is not JSON (see {@link #isJson}; attachments, {@code text/plain},
 *       {@code multipart/*} replication answers, no {@code Content-Type} at all; judged by the header as the
 *       response comes back through this filter, which the proxy copies from CouchDB and sets on its own errors):
 *       {@code X-Frame-Options: DENY} and
 *       {@code Content-Security-Policy: sandbox; default-src 'none'}, replacing any CouchDB sent, so that an HTML or
 *       SVG attachment opened in a browser can never run on couchgate's origin. JSON answers keep CouchDB's headers
 *       (plus {@code nosniff}).</li>
 * </ul>
 */
@Filter(Filter.MATCH_ALL_PATTERN)
final class SecurityHeadersFilter implements HttpServerFilter {

    static final String CSP = "Content-Security-Policy";
    static final String FRAME_OPTIONS = "X-Frame-Options";
    static final String NOSNIFF_NAME = "X-Content-Type-Options";
    private static final String JSON = "application/json";

    private final String pagePolicy;

    /** @param origins the configured other origins; none when bootstrap provides no bean */
    SecurityHeadersFilter(Optional<AllowedOrigins> origins) {
        this.pagePolicy = ContentSecurityPolicies.pages(origins.orElse(AllowedOrigins.NONE));
    }

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

    private void addHeaders(String path, MutableHttpHeaders headers) {
        if (isUnder(path, "/database")) {
            DatabaseAnswerHeaders.apply(headers.getAll(HttpHeaders.CONTENT_TYPE), headers::set);
            return;
        }
        headers.set(NOSNIFF_NAME, "nosniff");
        if (isUnder(path, "/api")) {
            headers.set("Cache-Control", "no-store");
        }
        headers.set(FRAME_OPTIONS, "DENY");
        headers.set(CSP, pagePolicy);
        headers.set("Referrer-Policy", "no-referrer");
    }

    /**
     * JSON is exactly one {@code Content-Type} whose media type is {@code application/json} (parameters such as
     * {@code charset} aside) and that holds no comma: browsers take the last of several comma-separated types
     * (WHATWG Fetch, "extract a MIME type"), and an attachment's type is whatever its uploader wrote.
     */
    static boolean isJson(List<String> contentTypes) {
        if (contentTypes.size() != 1 || contentTypes.get(0).indexOf(',') >= 0) {
            return false;
        }
        String type = contentTypes.get(0);
        int end = type.indexOf(';') < 0 ? type.length() : type.indexOf(';');
        int start = 0;
        while (start < end && type.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && type.charAt(end - 1) <= ' ') {
            end--;
        }
        return end - start == JSON.length() && asciiEqualsIgnoreCase(type, start, JSON);
    }

    /** Only A-Z fold, as {@code toLowerCase(Locale.ROOT)} then {@code equals} would compare these ASCII names. */
    private static boolean asciiEqualsIgnoreCase(String text, int start, String lowerAscii) {
        for (int i = 0; i < lowerAscii.length(); i++) {
            char c = text.charAt(start + i);
            if ((c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c) != lowerAscii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUnder(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
