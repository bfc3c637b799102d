package io.couchgate.bootstrap.health;

import io.couchgate.application.port.in.InstanceLeaseUseCase;
import io.couchgate.bootstrap.config.InstanceSettings;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * {@code GET /health} entry {@code sessions}: the session mode ({@code memory}) and whether this instance's lease is
 * current (renewed within the last three lease intervals). A lapsed lease is DOWN: the other instances may already
 * have deleted this instance's session users. No address, instance id or secret.
 */
@Singleton
class InstanceLeaseHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final InstanceLeaseUseCase lease;
    private final String mode;

    InstanceLeaseHealthIndicator(InstanceLeaseUseCase lease, InstanceSettings settings) {
        this.lease = lease;
        this.mode = settings.sessionStore();
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        boolean current = lease.isCurrent();
        healthStatus = current ? HealthStatus.UP : HealthStatus.DOWN;
        return Map.of("mode", mode, "lease", current ? "current" : "lapsed");
    }

    @Override
    protected String getName() {
        return "sessions";
    }
}
