package io.couchgate.application.session;

import io.couchgate.application.port.in.InstanceLeaseUseCase;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.port.InstanceLeases;
import java.util.Objects;

/**
 * The lease of the durable ({@code couchdb}) mode: the deployment, not the process, owns the session users, so it
 * is marked durable once ({@link InstanceLeases#markDurable}) and never lapses, and a graceful stop deletes nothing:
 * the sessions outlive the process, which is the point of the mode.
 */
public final class DurableDeploymentService implements InstanceLeaseUseCase {

    private final InstanceLeases leases;
    private final InstanceId deployment;
    private final String sessionsDatabase;
    private volatile boolean marked;

    /**
     * @param leases the instances' leases
     * @param deployment this deployment's id
     * @param sessionsDatabase its sessions database, named in the mark
     */
    public DurableDeploymentService(InstanceLeases leases, InstanceId deployment, String sessionsDatabase) {
        this.leases = Objects.requireNonNull(leases, "leases");
        this.deployment = Objects.requireNonNull(deployment, "deployment");
        this.sessionsDatabase = Objects.requireNonNull(sessionsDatabase, "sessionsDatabase");
    }

    /** Marks the deployment durable until that has succeeded once; later calls send nothing. */
    @Override
    public void renew() {
        if (!marked) {
            leases.markDurable(deployment, sessionsDatabase);
            marked = true;
        }
    }

    /** @return true once the deployment is marked durable */
    @Override
    public boolean isCurrent() {
        return marked;
    }

    /** @return 0: the deployment's session users outlive this process */
    @Override
    public long stop() {
        return 0;
    }
}
