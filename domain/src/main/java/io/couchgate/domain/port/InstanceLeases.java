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
     * @return every instance whose lease has not lapsed at {@code now}
     * @throws io.couchgate.domain.CouchDbException if the store fails
     */
    Set<InstanceId> liveAt(Instant now);
}
