package io.couchgate.adapters.http.api;

import io.couchgate.domain.port.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A fixed pool with a bounded queue that refuses work beyond both (see {@link ApiExecutorFactory}), and remembers when
 * each task was queued, so that the request it runs can tell how long it waited for a thread
 * ({@link #waitedOnThisThread()}) and give up before costly work when that was too long.
 */
final class ApiExecutor extends ThreadPoolExecutor {

    private static final long IDLE_SECONDS = 60;
    private static final ThreadLocal<Duration> WAITED = new ThreadLocal<>();

    private final Clock clock;

    /**
     * @param threads threads at most, at least 1; idle ones end after a minute
     * @param queue tasks waiting for a thread at most, at least 1
     * @param threadFactory makes the threads
     * @param clock measures the wait
     */
    ApiExecutor(int threads, int queue, ThreadFactory threadFactory, Clock clock) {
        super(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), threadFactory,
                new ThreadPoolExecutor.AbortPolicy());
        allowCoreThreadTimeOut(true);
        this.clock = clock;
    }

    /** @throws java.util.concurrent.RejectedExecutionException when every thread is busy and the queue is full */
    @Override
    public void execute(Runnable task) {
        Instant queued = clock.now();
        super.execute(() -> {
            WAITED.set(Duration.between(queued, clock.now()));
            try {
                task.run();
            } finally {
                WAITED.remove();
            }
        });
    }

    /** @return how long the task running on this thread waited for it; zero off this executor */
    static Duration waitedOnThisThread() {
        Duration waited = WAITED.get();
        return waited == null ? Duration.ZERO : waited;
    }
}
