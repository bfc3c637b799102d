package io.couchgate.bootstrap.health;

import io.couchgate.adapters.couchdb.CouchDbConnection;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * {@code GET /health} reports CouchDB: UP when it answers its welcome ({@code GET /}), DOWN otherwise. Asked
 * anew at every health request, so it turns UP again without a restart once CouchDB is back.
 */
@Singleton
class CouchDbHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final CouchDbConnection couch;

    CouchDbHealthIndicator(CouchDbConnection couch) {
        this.couch = couch;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        boolean up = couch.isUp();
        healthStatus = up ? HealthStatus.UP : HealthStatus.DOWN;
        return Map.of(); // no URL: /health is public and need not map the network
    }

    @Override
    protected String getName() {
        return "couchdb";
    }
}
