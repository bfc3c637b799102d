package io.couchgate.adapters.http.proxy;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The read-timeout clock of one client connection's relayed exchanges ({@link RelayExchange}): a single timer per
 * connection instead of one per exchange. An exchange that awaits CouchDB is watched; when the timer fires it asks the
 * watched exchange how long CouchDB has been silent ({@link RelayExchange#checkSilence}) and sets itself again for the
 * time that is left. While no exchange is watched, a timer that fires sets nothing, and the next exchange to be
 * watched starts a new one. Since every exchange has the same read timeout, a timer still set from an earlier exchange
 * fires no later than the new exchange's deadline, so no deadline is ever missed. All calls come from the
 * connection's event loop.
 */
final class SilenceWatch {

    private final EventExecutor executor;
    private final long limitNanos;
    private ScheduledFuture<?> timer;
    private RelayExchange watched;

    /**
     * @param executor the client connection's event loop
     * @param limitNanos the read timeout, in nanoseconds
     */
    SilenceWatch(EventExecutor executor, long limitNanos) {
        this.executor = executor;
        this.limitNanos = limitNanos;
    }

    /** @param exchange the exchange that now awaits CouchDB; its deadline is at most the read timeout away */
    void watch(RelayExchange exchange) {
        watched = exchange;
        if (timer == null) {
            schedule(limitNanos);
        }
    }

    /** @param exchange an exchange that no longer awaits CouchDB (no effect when another one is watched) */
    void unwatch(RelayExchange exchange) {
        if (watched == exchange) {
            watched = null;
        }
    }

    /** The connection closed: the timer goes. */
    void close() {
        watched = null;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void schedule(long delayNanos) {
        timer = executor.schedule(this::fire, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void fire() {
        timer = null;
        RelayExchange exchange = watched;
        if (exchange == null) {
            return;
        }
        long next = exchange.checkSilence(limitNanos);
        if (next > 0 && watched != null && timer == null) {
            schedule(Math.min(next, limitNanos));
        }
    }
}
