package io.couchgate.adapters.http;

import io.couchgate.application.port.out.Metrics;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

/**
 * {@link Metrics#NONE} for a context that measures nothing (this module's HTTP slice tests); {@code bootstrap}'s
 * Micrometer bean takes precedence wherever it is present.
 */
@Factory
class NoMetricsFactory {

    /** @return a metrics port that records nothing */
    @Singleton
    @Secondary
    Metrics noMetrics() {
        return Metrics.NONE;
    }
}
