package io.couchgate.adapters.http.api;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Resolves the client's address of every {@code /api} request once, before its controller runs, and keeps it as
 * the request attribute {@link ClientAddress#ATTRIBUTE}: the TCP peer, or, when the peer is a trusted proxy, what
 * {@link ClientAddressResolver} reads from the proxies' header. Throttles and signup limits use it through
 * {@link ClientAddress#of}.
 */
@ServerFilter("/api/**")
final class ClientAddressFilter {

    private static final String X_FORWARDED_FOR = "X-Forwarded-For";

    private final TrustedProxies proxies;
    private final ClientAddressResolver resolver;

    /** @param proxies the trusted proxies, or none when there is no such bean (the default: trust nobody) */
    ClientAddressFilter(Optional<TrustedProxies> proxies) {
        this.proxies = proxies.orElse(TrustedProxies.NONE);
        this.resolver = new ClientAddressResolver(this.proxies);
    }

    /** @param request the request, which gets the attribute */
    @RequestFilter
    void resolve(HttpRequest<?> request) {
        InetAddress peer = request.getRemoteAddress().getAddress();
        if (peer == null || proxies.isEmpty()) {
            return;
        }
        String name = proxies.header() == TrustedProxies.Header.FORWARDED ? HttpHeaders.FORWARDED : X_FORWARDED_FOR;
        List<String> values = request.getHeaders().getAll(name);
        request.setAttribute(ClientAddress.ATTRIBUTE, resolver.resolve(peer, values).getHostAddress());
    }
}
