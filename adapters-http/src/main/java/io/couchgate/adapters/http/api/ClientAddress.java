package io.couchgate.adapters.http.api;

import io.micronaut.http.HttpRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The client's address for throttling: the TCP peer, or, behind a trusted proxy, the address
 * {@link ClientAddressFilter} resolved from the proxies' header. A header such as {@code X-Forwarded-For} from any
 * other peer is never read.
 */
final class ClientAddress {

    /** The request attribute {@link ClientAddressFilter} keeps the resolved address in (text, e.g. {@code ::1}). */
    static final String ATTRIBUTE = "couchgate.client-address";

    private ClientAddress() {
    }

    /**
     * @param request the request
     * @return the client's IP address as text, e.g. {@code 127.0.0.1}
     */
    static String of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class).orElseGet(() -> peer(request));
    }

    private static String peer(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress address = remote.getAddress();
        return address != null ? address.getHostAddress() : remote.getHostString();
    }
}
