package io.couchgate.adapters.http.proxy;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;
import java.util.Optional;

/**
 * Closes a request's CouchDB connection when the client's connection closes. Needed because Micronaut's HTTP client
 * answers a cancelled response body by reading the rest of it and throwing it away, which for a {@code _changes}
 * feed with heartbeats is forever. Only for requests on a dedicated (unpooled) connection, so closing one never
 * touches another request. The watch starts before the request is sent (a longpoll may send no byte for minutes)
 * and is dropped when the CouchDB connection closes by itself.
 */
final class FeedDisconnects {

    /** The request attribute under which Micronaut's HTTP client (4.x) keeps the connection it sent a request on. */
    static final String CLIENT_CHANNEL_ATTRIBUTE = "netty_channel";

    private FeedDisconnects() {
    }

    /**
     * @param client the request couchgate received
     * @return the connection it came on, or empty when it did not come through Netty
     */
    static Optional<Channel> clientChannel(HttpRequest<?> client) {
        return client instanceof NettyHttpRequest<?> netty
                ? Optional.of(netty.getChannelHandlerContext().channel()) : Optional.empty();
    }

    /**
     * Starts watching; call before sending {@code upstream}.
     *
     * @param clientChannel the client's connection
     * @param upstream the request to CouchDB, whose connection Micronaut records on it once it has one
     * @return stops watching (idempotent)
     */
    static Runnable closeWithClient(Channel clientChannel, MutableHttpRequest<?> upstream) {
        GenericFutureListener<Future<? super Void>> closeUpstream = closed -> upstreamChannel(upstream)
                .ifPresent(Channel::close);
        clientChannel.closeFuture().addListener(closeUpstream);
        return () -> clientChannel.closeFuture().removeListener(closeUpstream);
    }

    /**
     * Once CouchDB's response headers are in: closes the CouchDB connection at once if the client left before that
     * connection was known (the watch found nothing to close then), and arranges for {@code done} to run when it
     * closes.
     *
     * @param client the request couchgate received
     * @param upstream the request to CouchDB that got its response headers
     * @param done what to run once its connection has closed (at once when it is unknown or closed already)
     */
    static void whenUpstreamCloses(HttpRequest<?> client, MutableHttpRequest<?> upstream, Runnable done) {
        Optional<Channel> channel = upstreamChannel(upstream);
        if (channel.isEmpty()) {
            done.run();
            return;
        }
        if (clientChannel(client).filter(c -> !c.isOpen()).isPresent()) {
            channel.get().close();
        }
        channel.get().closeFuture().addListener(closed -> done.run());
    }

    private static Optional<Channel> upstreamChannel(MutableHttpRequest<?> upstream) {
        return upstream.getAttribute(CLIENT_CHANNEL_ATTRIBUTE, Channel.class);
    }
}
