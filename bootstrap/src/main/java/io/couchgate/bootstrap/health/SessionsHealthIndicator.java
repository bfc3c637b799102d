package io.couchgate.bootstrap.health;

import io.couchgate.application.port.in.InstanceLeaseUseCase;
import io.couchgate.application.session.CachingSessionStore;
import io.couchgate.bootstrap.config.InstanceSettings;
import io.couchgate.domain.port.SessionStore;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * {@code GET /health} entry {@code sessions}: the session mode and whether what it depends on is current. Memory
 * mode: this instance's lease ({@code "lease":"current"} when renewed within the last three lease intervals; a lapsed
 * lease is DOWN, as the other instances may already have deleted this instance's session users). Durable mode: the
 * sessions feed ({@code "feed":"current"}, or {@code "interrupted"} and DOWN: revocations on other instances may be
 * missed, so cached sessions are checked again after 5 s). No address, instance id or secret.
 */
@Singleton
class SessionsHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final InstanceLeaseUseCase lease;
    private final String mode;
    private final CachingSessionStore durable;

    SessionsHealthIndicator(InstanceLeaseUseCase lease, InstanceSettings settings, SessionStore store) {
        this.lease = lease;
        this.mode = settings.sessionStore();
        this.durable = store instanceof CachingSessionStore cache ? cache : null;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        if (durable != null) {
            boolean current = durable.isFeedCurrent();
            healthStatus = current ? HealthStatus.UP : HealthStatus.DOWN;
            return Map.of("mode", mode, "feed", current ? "current" : "interrupted");
        }
        boolean current = lease.isCurrent();
        healthStatus = current ? HealthStatus.UP : HealthStatus.DOWN;
        return Map.of("mode", mode, "lease", current ? "current" : "lapsed");
    }

    @Override
    protected String getName() {
        return "sessions";
    }
}
