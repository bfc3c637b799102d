package io.couchgate.bootstrap.wiring;

import io.couchgate.bootstrap.admin.AdminEnvironment;
import io.couchgate.application.port.in.InstanceLeaseUseCase;
import io.couchgate.bootstrap.config.InstanceSettings;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's part in sharing CouchDB with others (architecture, "Instances"; docs/scaling.md). Once the HTTP
 * server is bound ({@link ServerStartupEvent}) it runs the rest of the {@link StartupSequence} (lease, purge, the
 * lost secrets' admins), then every {@code couchgate.instances.lease-interval} renews and sweeps again. A start that
 * fails before the bind (port taken, bad configuration, CouchDB refusing the admin) therefore deletes nothing. At a
 * graceful stop it deletes its own session users and releases its lease, waiting at most {@link #STOP_BOUND}.
 * <p>
 * In the durable mode the "lease" marks the deployment durable, the sweep deletes only orphans (a session user
 * without its doc, a doc without its user past the grace period), and a stop deletes nothing: the sessions outlive
 * the process.
 */
@Requires(notEnv = AdminEnvironment.NAME)
@Singleton
class InstanceLifecycle implements ApplicationEventListener<ServerStartupEvent> {

    /** The longest a graceful stop waits for the own session users and the lease to be deleted. */
    static final Duration STOP_BOUND = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(InstanceLifecycle.class);

    private final StartupSequence sequence;
    private final InstanceLeaseUseCase lease;
    private final TaskScheduler scheduler;
    private final Duration interval;
    private final boolean durable;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile ScheduledFuture<?> task;
    private volatile boolean stopping;

    InstanceLifecycle(StartupSequence sequence, InstanceLeaseUseCase lease,
                      @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler, InstanceSettings settings) {
        this.sequence = sequence;
        this.lease = lease;
        this.scheduler = scheduler;
        this.interval = settings.leaseInterval();
        this.durable = settings.durable();
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        sequence.bound();
        task = scheduler.scheduleAtFixedRate(interval, interval, this::tick);
    }

    private void tick() {
        if (stopping) {
            return; // a tick that starts during the stop must not take the lease again
        }
        sequence.renewAndSweep();
    }

    @PreDestroy
    void stop() {
        ScheduledFuture<?> running = task;
        if (running == null) {
            return; // never started: nothing of ours to delete
        }
        if (durable) {
            stopping = true;
            running.cancel(false);
            LOG.info("stopped: the sessions stay in CouchDB for the deployment's other and next instances");
            return;
        }
        stopping = true;
        running.cancel(false);
        ExecutorService stopper = Executors.newSingleThreadExecutor(r -> new Thread(r, "couchgate-instance-stop"));
        try {
            Future<Long> stopping = stopper.submit(lease::stop);
            long deleted = stopping.get(STOP_BOUND.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("stopped: deleted {} session users of this instance and released its lease", deleted);
        } catch (TimeoutException e) {
            LOG.warn("stop: deleting this instance's session users took over {}; the other instances' sweeps "
                    + "delete them once the lease lapses", STOP_BOUND);
        } catch (ExecutionException e) {
            LOG.warn("stop: could not delete this instance's session users or release its lease ({}); the other "
                    + "instances' sweeps delete them once the lease lapses", e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopper.shutdownNow();
        }
    }
}
