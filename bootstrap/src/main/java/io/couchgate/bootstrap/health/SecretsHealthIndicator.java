package io.couchgate.bootstrap.health;

import io.couchgate.domain.Secrets;
import io.couchgate.domain.port.SecretsStore;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health} entry {@code secrets}: whether the next start would find the secrets this one runs with. The
 * store is read again at each health request (the secrets file: still there, complete, {@code ACTIVE}, owner-only);
 * UP with {@code "state":"active"}, else DOWN with {@code "state":"missing"}, {@code "pending"}, {@code "insecure"}
 * or {@code "unreadable"}. No path, name or value: {@code /health} is public. What went wrong is logged once per
 * change, as a WARN naming the file.
 */
@Singleton
class SecretsHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(SecretsHealthIndicator.class);

    private final SecretsStore store;
    private volatile String lastState = "active";

    SecretsHealthIndicator(SecretsStore store) {
        this.store = store;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        String state = state();
        healthStatus = state.equals("active") ? HealthStatus.UP : HealthStatus.DOWN;
        if (!state.equals(lastState)) {
            if (!state.equals("active")) {
                LOG.warn("the secrets at {} are {}: the next start would fail; restore them", store.location(),
                        state);
            }
            lastState = state;
        }
        return Map.of("state", state);
    }

    private String state() {
        try {
            Optional<Secrets> secrets = store.load();
            if (secrets.isEmpty()) {
                return "missing";
            }
            return secrets.get().state() == Secrets.State.ACTIVE ? "active" : "pending";
        } catch (SecretsStore.InsecureSecretsException e) {
            return "insecure";
        } catch (RuntimeException e) {
            return "unreadable";
        }
    }

    @Override
    protected String getName() {
        return "secrets";
    }
}
