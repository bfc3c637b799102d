package io.couchgate.adapters.http.connection;

import io.couchgate.adapters.http.proxy.DatabaseRefusalAudit;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits just above the HTTP codec: tells the {@link HeadReadGuard} when a request head has been decoded, when a
 * request body ends, and when a final response has been written to its end ({@code 100 Continue} and other
 * informational responses do not end an exchange), and passes every message on unchanged, except a head that
 * couchgate refuses itself ({@link RequestRefusal}).
 *
 * <p>A refused head never reaches Micronaut, nor does anything after it on the connection: its answer is written once
 * the responses to the requests before it have been (pipelining keeps answers in order), then the connection is
 * closed gracefully (RFC 9112 section 9.6): the write side first, while what the client still sends is read and
 * dropped for at most {@link #LINGER}, so that a client still sending its request reads the answer instead of a
 * connection reset.
 */
final class HttpMessagesHandler extends ChannelDuplexHandler {

    /** The longest time a refused connection stays open for reading after its answer: 2 seconds. */
    static final Duration LINGER = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(HttpMessagesHandler.class);

    private final HeadReadGuard guard;
    private final DatabaseRefusalAudit refusals;
    private int outstanding;
    private boolean refused;
    private FullHttpResponse pendingAnswer;

    /**
     * @param guard the connection's guard
     * @param refusals writes the audit entry of a refused {@code /database} head; null when there is no proxy
     */
    HttpMessagesHandler(HeadReadGuard guard, DatabaseRefusalAudit refusals) {
        this.guard = guard;
        this.refusals = refusals;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            RequestRefusal refusal = RequestRefusal.of(request, guard::headStart);
            if (refusal != null) {
                audit(ctx, request, refusal);
            }
            guard.headReceived(!(msg instanceof LastHttpContent));
            if (refusal != null) {
                ReferenceCountUtil.release(msg);
                refuse(ctx, refusal);
                return;
            }
            outstanding++;
        } else if (msg instanceof LastHttpContent) {
            guard.bodyEnded();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean informational = msg instanceof HttpResponse response
                && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        boolean ends = !informational && msg instanceof LastHttpContent;
        if (ends) {
            guard.responseEnded();
        }
        ctx.write(msg, promise);
        if (ends && --outstanding <= 0 && pendingAnswer != null) {
            answerAndClose(ctx);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (pendingAnswer != null) {
            pendingAnswer.release();
            pendingAnswer = null;
        }
    }

    /**
     * A refused head under {@code /database} gets its audit entry; its method and target come from the head's first
     * bytes when the codec could not decode the request line (it then hands over a stand-in).
     */
    private void audit(ChannelHandlerContext ctx, HttpRequest request, RequestRefusal refusal) {
        if (refusals == null || refusal.style() != PathStyle.DATABASE
                || !(ctx.channel().remoteAddress() instanceof InetSocketAddress peer)) {
            return;
        }
        String method = request.method().name();
        String target = request.uri();
        if (PathStyle.ofTarget(target) != PathStyle.DATABASE) {
            String[] words = guard.headStart().stripLeading().split(" ", 3);
            method = words[0];
            // Without the line's end, the target is cut off where the kept bytes end.
            target = words.length > 2 ? words[1] : (words.length > 1 ? words[1] : "/database") + "...";
        }
        refusals.refusedHead(peer, request, refusal.status().code(), method, target);
    }

    private void refuse(ChannelHandlerContext ctx, RequestRefusal refusal) {
        LOG.debug("Refused a request head from {}: {}", ctx.channel().remoteAddress(), refusal.status());
        refused = true;
        pendingAnswer = refusal.response();
        if (outstanding <= 0) {
            answerAndClose(ctx);
        }
    }

    private void answerAndClose(ChannelHandlerContext ctx) {
        FullHttpResponse answer = pendingAnswer;
        pendingAnswer = null;
        ctx.writeAndFlush(answer).addListener(written -> closeGracefully(ctx.channel()));
    }

    private static void closeGracefully(Channel channel) {
        if (!channel.isActive()) {
            return;
        }
        ScheduledFuture<?> deadline = channel.eventLoop().schedule(() -> {
            channel.close();
        }, LINGER.toMillis(), TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(closed -> deadline.cancel(false));
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls != null) {
            tls.closeOutbound();
        } else if (channel instanceof DuplexChannel duplex) {
            duplex.shutdownOutput();
        } else {
            channel.close();
        }
    }
}
