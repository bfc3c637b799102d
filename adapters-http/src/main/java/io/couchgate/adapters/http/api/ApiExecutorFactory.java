package io.couchgate.adapters.http.api;

import io.couchgate.domain.port.Clock;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor every {@code /api} controller runs on ({@code @ExecuteOn(ApiExecutorFactory.NAME)}), in place of
 * Micronaut's {@code blocking} pool, which on Java 17 is a cached pool that grows a thread per waiting request. This
 * one has at most {@code couchgate.http.api-threads} threads and a queue of {@code couchgate.http.api-queue}
 * requests; a request beyond both is refused at once ({@link java.util.concurrent.RejectedExecutionException}, which
 * {@link ProblemResponses} answers with 503 and {@code Retry-After}). A signup or login that waited longer than
 * {@code couchgate.password.queue-timeout} for a thread is refused the same way before it hashes
 * ({@link QueueWaitLimit}), so that a queue full of a flood drains fast; with Argon2id's own queue timeout this bounds
 * how long a real login waits behind a flood.
 */
@Factory
final class ApiExecutorFactory {

    /** The executor's bean name, for {@code @ExecuteOn}. */
    static final String NAME = "couchgate-api";
    /**
     * Default {@code couchgate.http.api-threads}: Argon2id is CPU-bound, so more threads than a few per core only
     * make every hash slower (measured on 2 cores: with 32 threads a login behind a flood waited 13 to 18 s, with 8
     * about 2 s); 8 still leave room for threads waiting on CouchDB.
     */
    static final int DEFAULT_THREADS = 8;
    /** Default {@code couchgate.http.api-queue}: four requests waiting per thread. */
    static final int DEFAULT_QUEUE = 32;

    /**
     * @param threads {@code couchgate.http.api-threads}: threads at most, at least 1; idle ones end after a minute
     * @param queue {@code couchgate.http.api-queue}: requests waiting for a thread at most, at least 1
     * @param clock measures how long each request waited for a thread
     * @return the bounded executor, shut down with the application context
     * @throws IllegalArgumentException if a bound is below 1
     */
    @Singleton
    @Named(NAME)
    @Bean(preDestroy = "shutdown")
    ApiExecutor apiExecutor(@Value("${couchgate.http.api-threads:" + DEFAULT_THREADS + "}") int threads,
                            @Value("${couchgate.http.api-queue:" + DEFAULT_QUEUE + "}") int queue, Clock clock) {
        if (threads < 1 || queue < 1) {
            throw new IllegalArgumentException("couchgate.http.api-threads and api-queue must be at least 1, were "
                    + threads + " and " + queue);
        }
        return new ApiExecutor(threads, queue, namedThreads(), clock);
    }

    private static ThreadFactory namedThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, NAME + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
