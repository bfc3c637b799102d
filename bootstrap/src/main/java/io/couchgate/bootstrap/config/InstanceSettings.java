package io.couchgate.bootstrap.config;

import java.time.Duration;

/**
 * How this instance keeps sessions and shares CouchDB with other instances, read once at start (see README and
 * docs/scaling.md).
 *
 * @param sessionStore {@code couchgate.sessions.store}: {@code memory} (the only one available yet)
 * @param leaseInterval {@code couchgate.instances.lease-interval}: how often the lease is renewed and orphaned
 *                      session users are swept; a lease lapses after three intervals without renewal
 */
public record InstanceSettings(String sessionStore, Duration leaseInterval) {

    /** The in-memory session store: a token works only on the instance that issued it. */
    public static final String MEMORY = "memory";
}
