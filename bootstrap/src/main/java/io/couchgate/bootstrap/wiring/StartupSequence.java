package io.couchgate.bootstrap.wiring;

import io.couchgate.application.port.in.InstanceLeaseUseCase;
import io.couchgate.application.port.in.ProvisionServerUseCase;
import io.couchgate.application.port.in.ProvisioningException;
import io.couchgate.application.port.in.SweepOrphanSessionUsersUseCase;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.Secrets;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * couchgate's start-up, in one place and in this order (architecture, flows 1 and 2 and "Instances"):
 * <ol>
 *   <li><b>provision</b> ({@link #provision}): the secrets, couchgate's admin and CouchDB's databases, while the
 *       application context starts; {@code Application} binds the server only after that;</li>
 *   <li><b>bind</b>: Micronaut binds the HTTP server; its {@code ServerStartupEvent} calls {@link #bound}, which
 *       refuses to run before step 1 succeeded;</li>
 *   <li><b>lease</b>: this instance's lease is renewed;</li>
 *   <li><b>purge</b>: the session users of instances without a live lease (durable mode: the orphans) are deleted;
 *       </li>
 *   <li>when this start made couchgate's admin, the admins of lost secrets are deleted.</li>
 * </ol>
 * A start that fails before the bind (bad configuration, CouchDB refusing the admin, the port taken) so deletes
 * nothing. Steps 3 and 4 then repeat every lease interval ({@link #renewAndSweep}); their failures are logged and
 * retried, never fatal.
 */
final class StartupSequence {

    private static final Logger LOG = LoggerFactory.getLogger(StartupSequence.class);

    private final ProvisionServerUseCase provisioning;
    private final Supplier<InstanceLeaseUseCase> lease;
    private final Supplier<SweepOrphanSessionUsersUseCase> sweep;
    private final String swept;
    private final Duration interval;
    private final AtomicBoolean provisioned = new AtomicBoolean();

    /**
     * @param provisioning step 1
     * @param lease step 3, made only when asked for (it needs the instance id, which follows from step 1)
     * @param sweep step 4, likewise
     * @param durable whether sessions are durable (only the wording of the purge's log line depends on it)
     * @param interval {@code couchgate.instances.lease-interval}, named when a renewal fails
     */
    StartupSequence(ProvisionServerUseCase provisioning, Supplier<InstanceLeaseUseCase> lease,
                    Supplier<SweepOrphanSessionUsersUseCase> sweep, boolean durable, Duration interval) {
        this.provisioning = Objects.requireNonNull(provisioning, "provisioning");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.sweep = Objects.requireNonNull(sweep, "sweep");
        this.swept = durable ? "orphaned session users and session docs"
                : "session users of instances without a live lease, and sessions whose session user is gone";
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    /**
     * Step 1.
     *
     * @param couchDbUrl where CouchDB is, for the failure's one line
     * @return the active secrets
     * @throws ProvisioningException with one line a person can act on when CouchDB cannot be taken charge of
     */
    Secrets provision(URI couchDbUrl) {
        try {
            Secrets secrets = provisioning.provision();
            provisioned.set(true);
            return secrets;
        } catch (CouchDbException e) {
            throw new ProvisioningException("CouchDB at " + couchDbUrl + " failed: " + e.getMessage()
                    + " (check that CouchDB runs there and that couchgate.couchdb.url / COUCHGATE_COUCHDB_URL "
                    + "points at it)");
        }
    }

    /**
     * Steps 3 to 5, once the server is bound.
     *
     * @throws IllegalStateException when step 1 has not succeeded (nothing is touched then)
     */
    void bound() {
        if (!provisioned.get()) {
            throw new IllegalStateException("the server was bound before CouchDB was provisioned");
        }
        renewOnce();
        try {
            LOG.info("removed {} {}", sweep.get().sweep(), swept);
        } catch (RuntimeException e) {
            LOG.warn("could not remove {}, will retry: {}", swept, e.getMessage());
        }
        try {
            provisioning.removeEarlierAdmins();
        } catch (RuntimeException e) {
            LOG.warn("could not remove couchgate's earlier CouchDB admins (remove them by hand: docs/deploy.md, "
                    + "\"Lost or mismatched secrets\"): {}", e.getMessage());
        }
    }

    /** Steps 3 and 4 again, each lease interval; failures are logged and left to the next tick. */
    void renewAndSweep() {
        renewOnce();
        try {
            long deleted = sweep.get().sweep();
            if (deleted > 0) {
                LOG.info("removed {} {}", deleted, swept);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not sweep {}, will retry: {}", swept, e.getMessage());
        }
    }

    private void renewOnce() {
        try {
            lease.get().renew();
        } catch (RuntimeException e) {
            LOG.warn("could not renew this instance's lease, will retry in {}: {}", interval, e.getMessage());
        }
    }
}
