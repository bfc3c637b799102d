package io.couchgate.adapters.http.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * Sits above the HTTP codec of one HTTP/1.1 connection, below Micronaut's handlers. A request that
 * {@link RelayAdmission} admits is relayed to CouchDB ({@link RelayExchange}); every other message goes on to
 * Micronaut untouched, but for the raw query characters CouchDB accepts and Micronaut does not
 * ({@link RawQueryCharacters}), percent-encoded in a {@code /database} target (a {@code _changes} feed or a
 * {@code _local} document with {@code since="now"} or {@code doc_ids=["a"]}) while the client's raw query goes with
 * the request to CouchDB ({@link RawQueryMarker}, which this handler also takes off every request a client sends).
 * Answers leave in the order their requests came (RFC 9112, section 9.3.2):
 * <ul>
 *   <li>while Micronaut has a request in progress (passed on, its final answer not yet written in full), every
 *       further request goes to Micronaut too, which orders its own answers;</li>
 *   <li>while a relayed exchange is in progress, this handler alone decides when the connection reads (Micronaut's
 *       read requests wait), and a request that arrives before the answer is whole (pipelined) is held, unread
 *       further, until it is; then it is dispatched like any other.</li>
 * </ul>
 * At a graceful stop ({@link GracefulStop}) Micronaut's server closes the connections it sees as idle, which a
 * connection in the middle of a relayed exchange looks like to it: that close waits until the relayed answer is
 * whole. A long-lived {@code _changes} feed that Micronaut serves gets a well-formed end ({@link FeedEnd}) when the
 * stop's event arrives, and whatever Micronaut writes for it afterwards is dropped.
 * All calls come from the connection's event loop.
 */
final class DatabaseRelayHandler extends ChannelDuplexHandler {

    private final RelayAdmission admission;
    private final RelayServices services;
    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private SilenceWatch silence;
    private final BasicHeaderCache basics = new BasicHeaderCache();
    private RelayExchange current;
    private boolean currentBodyOpen;
    private boolean micronautBodyOpen;
    private int micronautOpen;
    private boolean micronautInformational;
    private String micronautTarget;
    private boolean micronautHead;
    private boolean micronautChunked;
    private boolean feedEnded;
    private StringBuilder longpollSent;
    private ChannelPromise closeAfterExchange;

    /**
     * @param admission decides which requests are relayed
     * @param services what relayed exchanges share
     */
    DatabaseRelayHandler(RelayAdmission admission, RelayServices services) {
        this.admission = admission;
        this.services = services;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        this.silence = new SilenceWatch(context.executor(), services.readTimeout().toNanos());
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (current != null && currentBodyOpen && held.isEmpty() && msg instanceof HttpContent content
                && !(msg instanceof HttpRequest)) {
            currentBodyOpen = !(content instanceof LastHttpContent);
            current.clientContent(content);
            return;
        }
        if (current != null || !held.isEmpty()) {
            held.add(msg);
            return;
        }
        dispatch(msg);
    }

    private void dispatch(Object msg) {
        if (msg instanceof HttpRequest request) {
            RawQueryMarker.strip(request);
        }
        if (msg instanceof HttpRequest request && !micronautBodyOpen && micronautOpen == 0) {
            Optional<Exchange> exchange = admission.admit(request);
            if (exchange.isPresent()) {
                relay(request, exchange.get(), msg);
                return;
            }
        }
        if (msg instanceof HttpRequest request) {
            micronautTarget = request.uri();
            RawQueryMarker.keep(request);
            micronautOpen++;
            micronautBodyOpen = true;
        }
        if (msg instanceof LastHttpContent) {
            micronautBodyOpen = false;
        }
        ctx.fireChannelRead(msg);
    }

    private void relay(HttpRequest request, Exchange exchange, Object msg) {
        RelayExchange next = new RelayExchange(ctx, request, exchange, services, silence, basics, this::exchangeDone);
        current = next;
        currentBodyOpen = true;
        next.start();
        if (msg instanceof HttpContent content) {
            currentBodyOpen = !(content instanceof LastHttpContent);
            next.clientContent(content);
        }
    }

    /** The relayed exchange is over and the connection stays: go on with what was held, then read on. */
    private void exchangeDone() {
        current = null;
        currentBodyOpen = false;
        if (closeAfterExchange != null) {
            ctx.close(closeAfterExchange);
            return;
        }
        while (!held.isEmpty()) {
            if (current == null) {
                dispatch(held.poll());
            } else if (currentBodyOpen && held.peek() instanceof HttpContent content
                    && !(content instanceof HttpRequest)) {
                held.poll();
                currentBodyOpen = !(content instanceof LastHttpContent);
                current.clientContent(content);
            } else {
                break;
            }
        }
        if (current != null) {
            current.flushUpstream();
        }
        if (current == null && ctx.channel().isActive()) {
            ctx.read();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        if (current != null) {
            current.flushUpstream();
        }
        if (current != null && current.wantsClientData()) {
            context.read();
        }
        context.fireChannelReadComplete();
    }

    @Override
    public void read(ChannelHandlerContext context) {
        if (current == null && held.isEmpty()) {
            context.read();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        if (current != null) {
            current.clientWritabilityChanged();
        }
        context.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        if (current != null) {
            current.clientClosed();
            current = null;
        }
        silence.close();
        held.forEach(ReferenceCountUtil::release);
        held.clear();
        context.fireChannelInactive();
    }

    @Override
    public void write(ChannelHandlerContext context, Object msg, ChannelPromise promise) {
        if (feedEnded) {
            ReferenceCountUtil.release(msg);
            promise.trySuccess();
            return;
        }
        if (msg instanceof HttpResponse response) {
            micronautInformational = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
            micronautHead = !micronautInformational;
            micronautChunked = HttpUtil.isTransferEncodingChunked(response);
            longpollSent = micronautHead && micronautTarget != null && FeedEnd.isLongpoll(micronautTarget)
                    ? new StringBuilder() : null;
        }
        if (longpollSent != null && msg instanceof HttpContent content) {
            watchLongpoll(content.content());
        }
        if (msg instanceof LastHttpContent) {
            if (!micronautInformational) {
                micronautOpen = Math.max(0, micronautOpen - 1);
                micronautHead = false;
            }
            micronautInformational = false;
        }
        context.write(msg, promise);
    }

    /**
     * Keeps what a longpoll answer served by Micronaut has sent so far, blanks left out, while that is at most
     * CouchDB's opening ({@link FeedEnd#RESULTS_OPENING}); stops watching (null) once it is more.
     */
    private void watchLongpoll(ByteBuf bytes) {
        for (int i = bytes.readerIndex(); i < bytes.writerIndex() && longpollSent != null; i++) {
            char c = (char) (bytes.getByte(i) & 0xff);
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                continue;
            }
            longpollSent.append(c);
            if (!FeedEnd.RESULTS_OPENING.startsWith(longpollSent.toString())) {
                longpollSent = null;
            }
        }
    }

    /** During a graceful stop, a close while a relayed answer is still going waits for that answer's end. */
    @Override
    public void close(ChannelHandlerContext context, ChannelPromise promise) {
        if (current != null && services.stop().stopping()) {
            closeAfterExchange = promise;
            return;
        }
        context.close(promise);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) {
        if (event == FeedEnd.INSTANCE) {
            endFeed();
            return;
        }
        context.fireUserEventTriggered(event);
    }

    /**
     * The stop has begun: if Micronaut is serving a long-lived feed here (chunked, or not answered yet), its answer
     * ends now with the chunked terminator and the connection closes; its CouchDB connection then closes with it
     * ({@link FeedDisconnects}). Anything else in progress goes on.
     */
    private void endFeed() {
        if (current != null || micronautOpen == 0 || micronautTarget == null || feedEnded
                || (micronautHead && !micronautChunked) || !FeedEnd.isLongLivedFeed(micronautTarget)) {
            return;
        }
        feedEnded = true;
        if (!micronautHead) {
            ctx.write(FeedEnd.head());
        }
        String sent = micronautHead ? (longpollSent == null ? null : longpollSent.toString()) : "";
        FeedEnd.closingBody(micronautTarget, sent).ifPresent(ctx::write);
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(written -> ctx.close());
    }
}
