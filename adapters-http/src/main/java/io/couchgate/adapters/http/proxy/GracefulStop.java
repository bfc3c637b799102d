package io.couchgate.adapters.http.proxy;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.order.Ordered;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The proxy's part of a graceful stop (Micronaut's {@code micronaut.lifecycle.graceful-shutdown}, run on SIGTERM or
 * when the context closes, before any bean is destroyed). Called before Micronaut's HTTP server stops its listener
 * and closes its idle connections ({@link #getOrder()}), it:
 * <ul>
 *   <li>marks the stop, so that a connection in the middle of a relayed exchange ({@link DatabaseRelayHandler}) is
 *       closed only once that answer is whole (the server sees such a connection as idle);</li>
 *   <li>ends every open long-lived {@code _changes} feed ({@code feed=continuous|longpoll|eventsource}) with a
 *       well-formed end of its answer: the chunked terminator, after {@code {"results":[],"last_seq":<since>}} for a
 *       longpoll that got no result yet, so that its client resumes from where it asked ({@link FeedEnd});
 *       then that connection closes.</li>
 * </ul>
 * Every other request in progress finishes; the server's grace period bounds the wait.
 */
@Singleton
@Requires(beans = DatabaseProxySettings.class)
final class GracefulStop implements GracefulShutdownCapable, Ordered {

    private final NettySessionStreams streams;
    private volatile boolean stopping;

    /** @param streams the open feeds and relayed transfers */
    GracefulStop(NettySessionStreams streams) {
        this.streams = streams;
    }

    /** @return whether a graceful stop has begun */
    boolean stopping() {
        return stopping;
    }

    /**
     * Marks the stop and asks every open feed's connection to end its answer; returns at once (the server's own
     * graceful shutdown waits for the connections to close).
     *
     * @return a completed stage
     */
    @Override
    public CompletionStage<?> shutdownGracefully() {
        stopping = true;
        streams.endFeeds();
        return CompletableFuture.completedFuture(null);
    }

    /** @return first among the graceful-shutdown beans, so the mark is set before the server closes connections */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
