package io.couchgate.bootstrap.health;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.management.health.aggregator.DefaultHealthAggregator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.runtime.ApplicationConfiguration;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /health} with each entry named for what it checks ({@code "couchdb":{"name":"couchdb",...}},
 * {@code secrets}, {@code sessions}, and Micronaut's own): Micronaut's aggregator gives every entry the application's
 * name ({@code "name":"couchgate"}). The top level keeps the application's name; statuses and details are unchanged.
 */
@Singleton
@Replaces(DefaultHealthAggregator.class)
final class NamedHealthAggregator extends DefaultHealthAggregator {

    NamedHealthAggregator(ApplicationConfiguration applicationConfiguration) {
        super(applicationConfiguration);
    }

    @Override
    protected Object aggregateDetails(List<HealthResult> results) {
        Map<String, Object> details = new LinkedHashMap<>(results.size());
        results.forEach(result -> details.put(result.getName(),
                HealthResult.builder(result.getName(), result.getStatus()).details(result.getDetails()).build()));
        return details;
    }
}
