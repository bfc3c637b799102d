package io.couchgate.adapters.http.api;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The client's address of any request, for the audit log of {@code /database} refusals: the TCP peer, or, behind a
 * trusted proxy ({@code couchgate.http.trusted-proxies}), what {@link ClientAddressResolver} reads from the
 * configured header, as for {@code /api} ({@link ClientAddressFilter}).
 */
@Singleton
public final class ClientAddresses {

    private static final String X_FORWARDED_FOR = "X-Forwarded-For";

    private final TrustedProxies proxies;
    private final ClientAddressResolver resolver;

    /** @param proxies the trusted proxies, or none when there is no such bean (trust nobody) */
    ClientAddresses(Optional<TrustedProxies> proxies) {
        this.proxies = proxies.orElse(TrustedProxies.NONE);
        this.resolver = new ClientAddressResolver(this.proxies);
    }

    /**
     * @param request a request received by Micronaut
     * @return the client's IP address as text, e.g. {@code 127.0.0.1}
     */
    public String of(HttpRequest<?> request) {
        return of(request.getRemoteAddress(), name -> request.getHeaders().getAll(name));
    }

    /**
     * @param peer the TCP peer
     * @param header the values of a request header by its name (empty when absent)
     * @return the client's IP address as text
     */
    public String of(InetSocketAddress peer, Function<String, List<String>> header) {
        InetAddress address = peer.getAddress();
        if (address == null) {
            return peer.getHostString();
        }
        if (proxies.isEmpty()) {
            return address.getHostAddress();
        }
        String name = proxies.header() == TrustedProxies.Header.FORWARDED ? HttpHeaders.FORWARDED : X_FORWARDED_FOR;
        return resolver.resolve(address, header.apply(name)).getHostAddress();
    }
}
