package io.couchgate.bootstrap.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Context;

/**
 * {@code couchgate_couchdb_up}: 1 when CouchDB answers its welcome within the health check's bound, else 0. Asked at
 * each scrape through the {@code couchdb} health check ({@link CouchDbHealthIndicator#couchDbAnswers}), so a scrape
 * waits at most 2 s for a silent CouchDB and a scrape during a health request shares its check.
 */
@Context
final class CouchDbUpGauge {

    CouchDbUpGauge(PrometheusMeterRegistry registry, CouchDbHealthIndicator health) {
        Gauge.builder("couchgate.couchdb.up", health, check -> check.couchDbAnswers() ? 1 : 0)
                .description("1 when CouchDB answers (GET / within 2 s), else 0")
                .strongReference(true).register(registry);
    }
}
