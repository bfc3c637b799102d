package io.couchgate.bootstrap.tls;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Adds {@code Strict-Transport-Security} (RFC 6797) to every answer given over HTTPS, so a browser that once reached
 * couchgate over HTTPS uses nothing else for a year. Runs outermost, so answers made by other filters (401 from the
 * security filter, 404, 500) carry it too. Plain HTTP answers never carry it (RFC 6797 section 7.2).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class StrictTransportSecurityFilter implements Ordered {

    /** Header name. */
    static final String HEADER = "Strict-Transport-Security";
    /** One year, in seconds; no includeSubDomains, as couchgate does not own its parent domain's other hosts. */
    static final String VALUE = "max-age=31536000";

    @ResponseFilter
    void addHeader(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (request.isSecure()) {
            response.getHeaders().set(HEADER, VALUE);
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }
}
