package io.couchgate.adapters.http.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of a connection to CouchDB: hands what CouchDB sends to the {@link RelayExchange} the connection
 * serves. While the connection idles in the pool it serves none; anything CouchDB sends then is unexpected and
 * closes it.
 */
final class UpstreamHandler extends ChannelInboundHandlerAdapter {

    private RelayExchange exchange;

    /** @param next the exchange that uses the connection from now on */
    void attach(RelayExchange next) {
        this.exchange = next;
    }

    /** The connection goes back to the pool. */
    void detach() {
        this.exchange = null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (exchange == null) {
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        exchange.upstreamRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.upstreamReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.upstreamWritabilityChanged();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.upstreamClosed();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (exchange != null) {
            exchange.upstreamFailed(cause);
        }
        ctx.close();
    }
}
