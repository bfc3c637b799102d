package io.couchgate.bootstrap.config;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How this instance keeps sessions and shares CouchDB with other instances, read once at start (see README and
 * docs/scaling.md).
 *
 * @param sessionStore {@code couchgate.sessions.store}: {@code memory} (each instance its own sessions, ending with
 *                     it) or {@code couchdb} (durable, shared by every instance of the deployment)
 * @param leaseInterval {@code couchgate.instances.lease-interval}: how often the lease is renewed and orphaned
 *                      session users are swept; a lease lapses after three intervals without renewal
 * @param sessionsDatabase {@code couchgate.sessions.database}: the durable mode's admin-only database
 * @param orphanGrace {@code couchgate.sessions.orphan-grace}: how old a session without its CouchDB user (a durable
 *                    session doc, or a memory-mode session) must be before the sweep removes it (longer than any
 *                    login takes)
 */
public record InstanceSettings(String sessionStore, Duration leaseInterval, String sessionsDatabase,
                               Duration orphanGrace) {

    /** The durable session store: sessions in CouchDB, shared by every instance that shares the secrets. */
    public static final String COUCHDB = "couchdb";

    /** The durable mode's database unless configured. */
    public static final String DEFAULT_SESSIONS_DATABASE = "couchgate_sessions";

    /** CouchDB's rule for database names (api/database/common.html#put--db), at most 238 characters. */
    public static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_$()+/-]{0,237}");

    /** @return true in the durable {@code couchdb} mode */
    public boolean durable() {
        return COUCHDB.equals(sessionStore);
    }

    /** The in-memory session store: a token works only on the instance that issued it. */
    public static final String MEMORY = "memory";
}
