package io.couchgate.adapters.http.api;

import io.micronaut.http.HttpRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** The client's address for throttling: the TCP peer, never a header such as {@code X-Forwarded-For}. */
final class ClientAddress {

    private ClientAddress() {
    }

    /**
     * @param request the request
     * @return the socket peer's IP address as text, e.g. {@code 127.0.0.1}
     */
    static String of(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress address = remote.getAddress();
        return address != null ? address.getHostAddress() : remote.getHostString();
    }
}
