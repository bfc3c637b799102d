package io.couchgate.adapters.http.connection;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Sits just above the HTTP codec: tells the {@link HeadReadGuard} when a request head has been decoded, when a
 * request body ends, and when a final response has been written to its end ({@code 100 Continue} and other
 * informational responses do not end an exchange). Passes every message on unchanged.
 */
final class HttpMessagesHandler extends ChannelDuplexHandler {

    private final HeadReadGuard guard;

    /** @param guard the connection's guard */
    HttpMessagesHandler(HeadReadGuard guard) {
        this.guard = guard;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            guard.headReceived(!(msg instanceof LastHttpContent));
        } else if (msg instanceof LastHttpContent) {
            guard.bodyEnded();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean informational = msg instanceof HttpResponse response
                && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        if (!informational && msg instanceof LastHttpContent) {
            guard.responseEnded();
        }
        ctx.write(msg, promise);
    }
}
