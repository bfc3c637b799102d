package io.couchgate.adapters.http.connection;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP/1.1 connection's head-read deadline and unauthenticated slot (see {@link ConnectionLimits}). Fed by
 * {@link RawBytesHandler} (below the HTTP codec: accept, bytes, close) and {@link HttpMessagesHandler} (above it:
 * decoded request heads and body ends, response ends). Every call comes from the connection's event loop, so the
 * state needs no locking.
 *
 * <p>The deadline runs while a head is awaited: from the accept, and after an exchange (request body received and
 * response written) from the first byte of the next request. It stops when the codec has decoded a head. When it
 * passes, the connection is closed; if part of a head had arrived, a {@code 408 Request Timeout} goes first
 * (RFC 9110 section 15.5.9), so a slow but honest client learns why. With nothing received there is no request to
 * answer, and a 408 could be taken for the answer to a request the client is sending at that instant (this is why
 * Apache httpd closes such connections silently too).
 */
final class HeadReadGuard {

    private static final Logger LOG = LoggerFactory.getLogger(HeadReadGuard.class);
    private static final byte[] REQUEST_TIMEOUT = ("HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n"
            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private final Duration timeout;
    private final AddressSlots slots;
    private ChannelHandlerContext below;
    private InetAddress slot;
    private ScheduledFuture<?> deadline;
    private boolean started;
    private boolean admitted;
    private boolean awaitingHead = true;
    private boolean headBytesSeen;
    private boolean bodyOpen;
    private int unanswered;

    /**
     * @param timeout the header-read timeout
     * @param slots   the per-address count of unauthenticated connections, shared by all connections
     */
    HeadReadGuard(Duration timeout, AddressSlots slots) {
        this.timeout = timeout;
        this.slots = slots;
    }

    /**
     * Takes the connection's slot and starts the deadline; closes the connection at once if its address holds every
     * slot. Later calls return the first answer.
     *
     * @param ctx the context of the handler below the HTTP codec (a 408 is written there)
     * @return false if the connection was refused and closed
     */
    boolean start(ChannelHandlerContext ctx) {
        if (started) {
            return admitted;
        }
        started = true;
        below = ctx;
        InetAddress address = ctx.channel().remoteAddress() instanceof InetSocketAddress inet
                ? inet.getAddress() : null;
        if (address != null && !slots.tryAcquire(address)) {
            LOG.debug("Refused a connection from {}: it holds every unauthenticated slot", address.getHostAddress());
            ctx.close();
            return false;
        }
        admitted = true;
        slot = address;
        arm();
        return true;
    }

    /** Bytes arrived (before the codec decoded them): the deadline of an awaited keep-alive head starts now. */
    void bytesArrived() {
        if (awaitingHead) {
            headBytesSeen = true;
            if (deadline == null) {
                arm();
            }
        }
    }

    /** @param bodyFollows whether the request has a body still to come (the head is not also its last content) */
    void headReceived(boolean bodyFollows) {
        disarm();
        releaseSlot();
        awaitingHead = false;
        headBytesSeen = false;
        bodyOpen = bodyFollows;
        unanswered++;
    }

    /** The current request's body has been received in full. */
    void bodyEnded() {
        bodyOpen = false;
        awaitNextHeadIfIdle();
    }

    /** A final (non-informational) response has been written in full. */
    void responseEnded() {
        unanswered = Math.max(0, unanswered - 1);
        awaitNextHeadIfIdle();
    }

    /** The connection closed: stop the deadline and give the slot back. */
    void closed() {
        disarm();
        releaseSlot();
    }

    private void awaitNextHeadIfIdle() {
        if (!awaitingHead && !bodyOpen && unanswered == 0) {
            awaitingHead = true;
            headBytesSeen = false;
        }
    }

    private void arm() {
        deadline = below.executor().schedule(this::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void disarm() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    private void releaseSlot() {
        if (slot != null) {
            slots.release(slot);
            slot = null;
        }
    }

    private void expire() {
        deadline = null;
        if (!awaitingHead || !below.channel().isActive()) {
            return;
        }
        LOG.debug("Closed a connection from {}: no complete request head within {}",
                below.channel().remoteAddress(), timeout);
        if (headBytesSeen) {
            below.writeAndFlush(Unpooled.wrappedBuffer(REQUEST_TIMEOUT)).addListener(ChannelFutureListener.CLOSE);
        } else {
            below.close();
        }
    }
}
