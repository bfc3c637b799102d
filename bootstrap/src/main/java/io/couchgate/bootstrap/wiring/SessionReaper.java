package io.couchgate.bootstrap.wiring;

import io.couchgate.bootstrap.admin.AdminEnvironment;
import io.couchgate.application.port.in.ReapExpiredSessionsUseCase;
import io.couchgate.bootstrap.config.CouchgateSettings;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link ReapExpiredSessionsUseCase} every {@code couchgate.sessions.reaper-interval} (fixed delay, default
 * 60 s), so an expired session's CouchDB user is gone within one interval of its expiry (architecture flow 7).
 */
@Requires(notEnv = AdminEnvironment.NAME)
@Context
class SessionReaper {

    private static final Logger LOG = LoggerFactory.getLogger(SessionReaper.class);

    private final ScheduledFuture<?> task;

    SessionReaper(ReapExpiredSessionsUseCase reaper, CouchgateSettings settings,
                  @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.task = scheduler.scheduleWithFixedDelay(settings.reaperInterval(), settings.reaperInterval(),
                () -> reapOnce(reaper));
    }

    private static void reapOnce(ReapExpiredSessionsUseCase reaper) {
        try {
            int ended = reaper.reap();
            if (ended > 0) {
                LOG.info("ended {} expired sessions", ended);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not end expired sessions, will retry: {}", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        task.cancel(false);
    }
}
