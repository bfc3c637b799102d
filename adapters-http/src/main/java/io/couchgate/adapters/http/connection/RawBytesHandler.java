package io.couchgate.adapters.http.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Sits below the HTTP codec (after TLS, so it sees plain bytes): starts the {@link HeadReadGuard} when the connection
 * is active (a refused connection is closed and never reaches Micronaut's handlers), reports arriving bytes, and the
 * close.
 */
final class RawBytesHandler extends ChannelInboundHandlerAdapter {

    private final HeadReadGuard guard;

    /** @param guard the connection's guard */
    RawBytesHandler(HeadReadGuard guard) {
        this.guard = guard;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            guard.start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (guard.start(ctx)) {
            ctx.fireChannelActive();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
            guard.bytesArrived(bytes);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        guard.closed();
        ctx.fireChannelInactive();
    }
}
