package io.couchgate.adapters.http.connection;

import io.netty.buffer.ByteBuf;
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
 * answer, and a 408 could be taken for the answer to a request the client is sending at that instant.
 *
 * <p>One timer per connection, not one per request: arming records the deadline and sets the timer only when none is
 * set; disarming clears a flag. A timer that fires before the recorded deadline (it was set for an earlier head) sets
 * itself again for the time left; one that fires while disarmed sets nothing, and the next arming sets a new one.
 *
 * <p>Known gap: a pipelined head whose first part came in the same read as the end of the previous request's body
 * is timed only from the next byte after that; if none comes, Micronaut's {@code idle-timeout} (5 minutes by
 * default) ends the connection.
 */
final class HeadReadGuard {

    private static final Logger LOG = LoggerFactory.getLogger(HeadReadGuard.class);
    /** How many bytes of a head's start are kept: enough for a method and an absolute-form target's first segment. */
    static final int HEAD_START_BYTES = 128;
    private static final byte[] REQUEST_TIMEOUT = ("HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n"
            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private final ConnectionLimits limits;
    private final AddressSlots slots;
    private ChannelHandlerContext below;
    private InetAddress address;
    private boolean holdsSlot;
    private boolean firstHeadReceived;
    private ScheduledFuture<?> deadline;
    private boolean armed;
    private long deadlineNanos;
    private ScheduledFuture<?> grace;
    private boolean started;
    private boolean admitted;
    private boolean awaitingHead = true;
    private boolean headBytesSeen;
    private boolean bodyOpen;
    private int unanswered;
    private final byte[] headStart = new byte[HEAD_START_BYTES];
    private int headStartLength;

    /**
     * @param limits the header-read timeout and the grace before a connection counts
     * @param slots  the per-address count of slow unauthenticated connections, shared by all connections
     */
    HeadReadGuard(ConnectionLimits limits, AddressSlots slots) {
        this.limits = limits;
        this.slots = slots;
    }

    /**
     * Admits the connection and starts its deadline, or closes it at once if its address already holds every slot.
     * Once admitted, the connection takes a slot if its first head is still incomplete after the grace period.
     * Later calls return the first answer.
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
        address = ctx.channel().remoteAddress() instanceof InetSocketAddress inet ? inet.getAddress() : null;
        if (address != null && slots.isFull(address)) {
            LOG.debug("Refused a connection from {}: it holds every unauthenticated slot", address.getHostAddress());
            ctx.close();
            return false;
        }
        admitted = true;
        arm();
        if (address != null) {
            grace = schedule(this::takeSlot, limits.unauthenticatedGrace());
        }
        return true;
    }

    /**
     * Bytes arrived (before the codec decoded them): the deadline of an awaited keep-alive head starts now, and the
     * head's first bytes are kept (see {@link #headStart()}).
     *
     * @param bytes what arrived; read without moving its reader index
     */
    void bytesArrived(ByteBuf bytes) {
        if (awaitingHead) {
            int take = Math.min(bytes.readableBytes(), HEAD_START_BYTES - headStartLength);
            bytes.getBytes(bytes.readerIndex(), headStart, headStartLength, take);
            headStartLength += take;
            headBytesSeen = true;
            if (!armed) {
                arm();
            }
        }
    }

    /** @param bodyFollows whether the request has a body still to come (the head is not also its last content) */
    void headReceived(boolean bodyFollows) {
        disarm();
        firstHeadReceived = true;
        releaseSlot();
        awaitingHead = false;
        headBytesSeen = false;
        headStartLength = 0;
        bodyOpen = bodyFollows;
        unanswered++;
    }

    /**
     * The first bytes of the head being received, up to {@link #HEAD_START_BYTES}: what tells the path of a request
     * whose request line the codec could not decode (too long). Empty when the head began in the same read as the end
     * of the previous request (pipelining), since where one ends in that read is not known here.
     *
     * @return those bytes as ISO-8859-1 text (the request line is ASCII)
     */
    String headStart() {
        return new String(headStart, 0, headStartLength, StandardCharsets.ISO_8859_1);
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
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
        releaseSlot();
    }

    private void awaitNextHeadIfIdle() {
        if (!awaitingHead && !bodyOpen && unanswered == 0) {
            awaitingHead = true;
            headBytesSeen = false;
            headStartLength = 0;
        }
    }

    private void arm() {
        armed = true;
        deadlineNanos = System.nanoTime() + limits.headerReadTimeout().toNanos();
        if (deadline == null) {
            deadline = schedule(this::expire, limits.headerReadTimeout());
        }
    }

    private ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return below.executor().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void disarm() {
        armed = false;
    }

    private void takeSlot() {
        grace = null;
        if (!firstHeadReceived && below.channel().isActive()) {
            slots.acquire(address);
            holdsSlot = true;
        }
    }

    private void releaseSlot() {
        if (grace != null) {
            grace.cancel(false);
            grace = null;
        }
        if (holdsSlot) {
            slots.release(address);
            holdsSlot = false;
        }
    }

    private void expire() {
        deadline = null;
        if (!armed || !awaitingHead || !below.channel().isActive()) {
            return;
        }
        long left = deadlineNanos - System.nanoTime();
        if (left > 0) {
            deadline = schedule(this::expire, Duration.ofNanos(left));
            return;
        }
        LOG.debug("Closed a connection from {}: no complete request head within {}",
                below.channel().remoteAddress(), limits.headerReadTimeout());
        if (headBytesSeen) {
            below.writeAndFlush(Unpooled.wrappedBuffer(REQUEST_TIMEOUT)).addListener(ChannelFutureListener.CLOSE);
        } else {
            below.close();
        }
    }
}
