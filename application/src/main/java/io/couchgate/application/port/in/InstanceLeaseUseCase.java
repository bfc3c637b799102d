package io.couchgate.application.port.in;

/**
 * This instance's lease (architecture, "Instances"): renewed every lease interval, lapsing after
 * {@code LEASE_INTERVALS} intervals without renewal; released, with this instance's session users, at a graceful
 * stop.
 */
public interface InstanceLeaseUseCase {

    /** How many lease intervals a lease lasts without renewal. */
    int LEASE_INTERVALS = 3;

    /**
     * Creates or extends this instance's lease to now plus {@link #LEASE_INTERVALS} intervals.
     *
     * @throws io.couchgate.domain.CouchDbException if CouchDB fails (the lease keeps its earlier expiry)
     */
    void renew();

    /** @return true when the last successful renewal is less than {@link #LEASE_INTERVALS} intervals old */
    boolean isCurrent();

    /**
     * Graceful stop: deletes this instance's own session users, then releases its lease. The lease is released even
     * if the deletion failed (the other instances' sweeps then delete the users).
     *
     * @return how many session users were deleted
     * @throws io.couchgate.domain.CouchDbException if CouchDB fails
     */
    long stop();
}
