package io.couchgate.bootstrap.config;

import java.time.Duration;

/**
 * Bounds on the work and state one user or one flood of requests can cost, read once at start (see README).
 *
 * @param maxConcurrentHashes {@code couchgate.password.max-concurrent-hashes}: Argon2id runs at once; {@code auto}
 *                            (the default) is a quarter of the maximum heap divided by the Argon2id memory, at least 1
 * @param hashQueueTimeout {@code couchgate.password.queue-timeout}: the longest a request waits for a hashing turn
 *                         before it gets 503
 * @param maxSessionsPerUser {@code couchgate.sessions.max-per-user}: live sessions per user; beyond it the oldest end
 */
public record LimitSettings(int maxConcurrentHashes, Duration hashQueueTimeout, int maxSessionsPerUser) {
}
