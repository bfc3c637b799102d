package io.couchgate.domain.port;

import io.couchgate.domain.InstanceId;
import java.time.Instant;
import java.util.Set;

/**
 * Which couchgate instances are running on one CouchDB: each holds a lease that it renews, so that the others can
 * tell a live instance's session users from those of a crashed or stopped one (architecture, "Instances").
 */
public interface InstanceLeases {

    /**
     * Creates or extends this instance's lease.
     *
     * @param instance the renewing instance
     * @param expiresAt when the lease lapses unless renewed again
     * @throws io.couchgate.domain.CouchDbException if the store fails
     */
    void renew(InstanceId instance, Instant expiresAt);

    /**
     * Ends this instance's lease (graceful stop); releasing one that is gone is not an error.
     *
     * @param instance the stopping instance
     * @throws io.couchgate.domain.CouchDbException if the store fails
     */
    void release(InstanceId instance);

    /**
     * @param now the current time
     * @return every instance whose lease has not lapsed at {@code now}, and every durable deployment
     * @throws io.couchgate.domain.CouchDbException if the store fails
     */
    Set<InstanceId> liveAt(Instant now);

    /**
     * Marks a durable deployment ({@code couchdb} session mode) as never lapsing, so that the lease-based sweep of
     * {@code memory}-mode instances sharing this CouchDB never deletes its session users, even while every instance
     * of it is down; its own sweep deletes only orphans. Idempotent, and harmless when several instances of the
     * deployment mark it at once.
     *
     * The mark names the deployment's sessions database: an instance of the same deployment configured with another
     * one would find none of the deployment's sessions and sweep all its session users as orphans, so it is refused.
     *
     * @param deployment the deployment id, as in its session users' names
     * @param sessionsDatabase the deployment's sessions database ({@code couchgate.sessions.database})
     * @throws DeploymentMismatchException if the deployment is marked with another sessions database
     * @throws io.couchgate.domain.CouchDbException if the store fails
     */
    void markDurable(InstanceId deployment, String sessionsDatabase);

    /** The deployment is marked durable with another sessions database than this instance's. */
    class DeploymentMismatchException extends IllegalStateException {

        /** @param message which deployment, which databases */
        public DeploymentMismatchException(String message) {
            super(message);
        }
    }

    /**
     * Deletes the leases that lapsed before {@code cutoff} (crashed or partitioned instances, whose session users the
     * sweep has deleted), so that {@code couchgate_instances} does not grow by one document per crash. Durable
     * deployments never lapse, so they are never deleted. Several instances may run this at once.
     *
     * @param cutoff leases whose expiry is before it go
     * @return how many leases this call deleted
     * @throws io.couchgate.domain.CouchDbException if the store fails
     */
    long forgetLapsedBefore(Instant cutoff);
}
