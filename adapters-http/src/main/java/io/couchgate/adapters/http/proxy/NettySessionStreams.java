package io.couchgate.adapters.http.proxy;

import io.couchgate.domain.Session;
import io.couchgate.domain.SessionId;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.SessionStreams;
import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;
import io.netty.util.concurrent.ScheduledFuture;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The {@code _changes} requests, large uploads and relayed transfers ({@link RelayExchange}) each session has open
 * through {@code /database}, by the client connection they came on. {@link #endAll} closes those connections;
 * {@link FeedDisconnects} (or the relayed exchange) then closes their CouchDB connections. An entry lives while its
 * request does: it goes when the client's connection closes or the CouchDB connection ends, and a session's key goes
 * with its last entry, so memory is bounded by the open requests. A request also ends at its session's
 * {@code expiresAt}: a timer on the connection's event loop closes its client connection then, without waiting for
 * the reaper's next run (issue #11: "On logout, logout everywhere, expiry, or a session found dead, every open feed
 * and long transfer of that session ends within 1 s"). The timer's delay is taken from the {@link Clock} at
 * registration and counted on Netty's monotonic clock, so a step of the wall clock afterwards does not move it; the
 * reaper remains the backstop. A request that ends first cancels its timer (Netty removes it from the queue).
 */
@Singleton
final class NettySessionStreams implements SessionStreams {

    private final Map<SessionId, Set<Stream>> open = new ConcurrentHashMap<>();
    private final Clock clock;

    /** @param clock the time a session's {@code expiresAt} is measured against */
    NettySessionStreams(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param session the session the request belongs to; at its {@code expiresAt} the client connection is closed
     * @param clientChannel the client connection it came on
     * @return forgets this request (idempotent), and cancels its expiry timer; also done by itself when the
     *     connection closes
     */
    Runnable register(Session session, Channel clientChannel) {
        Stream stream = new Stream(clientChannel);
        SessionId id = session.id();
        open.compute(id, (key, streams) -> {
            Set<Stream> all = streams == null ? ConcurrentHashMap.newKeySet() : streams;
            all.add(stream);
            return all;
        });
        ScheduledFuture<?> expiry = closeAtExpiry(session, clientChannel, () -> forget(id, stream));
        Runnable forget = () -> {
            if (expiry != null) {
                expiry.cancel(false);
            }
            forget(id, stream);
        };
        GenericFutureListener<Future<? super Void>> onClose = closed -> forget.run();
        clientChannel.closeFuture().addListener(onClose);
        return () -> {
            clientChannel.closeFuture().removeListener(onClose);
            forget.run();
        };
    }

    /**
     * @return the timer that closes the client connection at the session's {@code expiresAt} (at once when that has
     *     passed), or null when the connection's event loop is shutting down (the connection closes with it)
     */
    private ScheduledFuture<?> closeAtExpiry(Session session, Channel clientChannel, Runnable forget) {
        long nanos;
        try {
            nanos = Math.max(0, Duration.between(clock.now(), session.expiresAt()).toNanos());
        } catch (ArithmeticException beyondLong) {
            nanos = Long.MAX_VALUE; // about 292 years away
        }
        try {
            return clientChannel.eventLoop().schedule(() -> {
                forget.run();
                clientChannel.close();
            }, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            return null;
        }
    }

    /**
     * Closes the client connection of every open stream of the session ({@code _changes} request, large upload,
     * relayed transfer).
     *
     * @param session the id of the session that ended
     */
    @Override
    public void endAll(SessionId session) {
        Set<Stream> streams = open.remove(session);
        if (streams != null) {
            streams.forEach(stream -> stream.channel().close());
        }
    }

    /**
     * At a graceful stop ({@link GracefulStop}): tells the connection of every open request, on its event loop, that
     * the stop has begun ({@link FeedEnd}); a long-lived feed then ends its answer and closes, anything else goes on.
     */
    void endFeeds() {
        Set<Channel> channels = new HashSet<>();
        open.values().forEach(streams -> streams.forEach(stream -> channels.add(stream.channel())));
        for (Channel channel : channels) {
            channel.eventLoop().execute(() -> channel.pipeline().fireUserEventTriggered(FeedEnd.INSTANCE));
        }
    }

    /**
     * @param session a session
     * @return how many of its streams ({@code _changes} requests, large uploads, relayed transfers) are open
     */
    int openCount(SessionId session) {
        return open.getOrDefault(session, Set.of()).size();
    }

    private void forget(SessionId session, Stream stream) {
        open.computeIfPresent(session, (id, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
    }

    /** One request; compared by identity, since one keep-alive connection may carry several in turn. */
    private static final class Stream {

        private final Channel channel;

        Stream(Channel channel) {
            this.channel = channel;
        }

        Channel channel() {
            return channel;
        }
    }
}
