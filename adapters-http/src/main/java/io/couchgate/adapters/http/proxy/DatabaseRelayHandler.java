package io.couchgate.adapters.http.proxy;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * Sits above the HTTP codec of one HTTP/1.1 connection, below Micronaut's handlers. A request that
 * {@link RelayAdmission} admits is relayed to CouchDB ({@link RelayExchange}); every other message goes on to
 * Micronaut untouched. Answers leave in the order their requests came (RFC 9112, section 9.3.2):
 * <ul>
 *   <li>while Micronaut has a request in progress (passed on, its final answer not yet written in full), every
 *       further request goes to Micronaut too, which orders its own answers;</li>
 *   <li>while a relayed exchange is in progress, this handler alone decides when the connection reads (Micronaut's
 *       read requests wait), and a request that arrives before the answer is whole (pipelined) is held, unread
 *       further, until it is; then it is dispatched like any other.</li>
 * </ul>
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
        if (msg instanceof HttpRequest request && !micronautBodyOpen && micronautOpen == 0) {
            Optional<Exchange> exchange = admission.admit(request);
            if (exchange.isPresent()) {
                relay(request, exchange.get(), msg);
                return;
            }
        }
        if (msg instanceof HttpRequest) {
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
        if (msg instanceof HttpResponse response) {
            micronautInformational = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        }
        if (msg instanceof LastHttpContent) {
            if (!micronautInformational) {
                micronautOpen = Math.max(0, micronautOpen - 1);
            }
            micronautInformational = false;
        }
        context.write(msg, promise);
    }
}
