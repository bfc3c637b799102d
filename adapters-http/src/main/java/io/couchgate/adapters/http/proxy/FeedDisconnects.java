package io.couchgate.adapters.http.proxy;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;

/**
 * Closes a {@code _changes} feed's CouchDB connection when the client's connection closes. Needed because
 * Micronaut's HTTP client answers a cancelled response body by reading the rest of it and throwing it away, which
 * for a feed with heartbeats is forever. Feeds use dedicated (unpooled) connections, so closing one never touches
 * another request; the listener is removed when the CouchDB connection closes by itself.
 */
final class FeedDisconnects {

    /** The request attribute under which Micronaut's HTTP client (4.x) keeps the connection it sent a request on. */
    static final String CLIENT_CHANNEL_ATTRIBUTE = "netty_channel";

    private FeedDisconnects() {
    }

    /**
     * @param client the request couchgate received
     * @param upstreamChannel the connection the feed request went out on
     */
    static void closeWithClient(HttpRequest<?> client, Channel upstreamChannel) {
        if (!(client instanceof NettyHttpRequest<?> netty) || upstreamChannel == null) {
            return;
        }
        Channel clientChannel = netty.getChannelHandlerContext().channel();
        GenericFutureListener<Future<? super Void>> closeUpstream = closed -> upstreamChannel.close();
        clientChannel.closeFuture().addListener(closeUpstream);
        upstreamChannel.closeFuture().addListener(closed -> clientChannel.closeFuture().removeListener(closeUpstream));
    }
}
