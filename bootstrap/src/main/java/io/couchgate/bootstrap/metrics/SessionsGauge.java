package io.couchgate.bootstrap.metrics;

import io.couchgate.application.session.CachingSessionStore;
import io.couchgate.application.session.InMemorySessionStore;
import io.couchgate.domain.port.SessionStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Context;
import java.util.function.ToDoubleFunction;

/**
 * {@code couchgate_sessions_live}: the sessions this instance holds. Memory mode: every session it issued that is
 * not yet ended or reaped. Durable mode: the sessions it has resolved and caches (the deployment's total lives in
 * CouchDB, and counting it would cost a read of {@code couchgate_sessions} per scrape). Read at each scrape, no I/O.
 */
@Context
final class SessionsGauge {

    SessionsGauge(PrometheusMeterRegistry registry, SessionStore store) {
        ToDoubleFunction<SessionStore> count = SessionsGauge::count;
        Gauge.builder("couchgate.sessions.live", store, count)
                .description("live sessions held by this instance (durable mode: those it caches)")
                .strongReference(true).register(registry);
    }

    private static double count(SessionStore store) {
        if (store instanceof InMemorySessionStore memory) {
            return memory.size();
        }
        if (store instanceof CachingSessionStore cache) {
            return cache.cachedCount();
        }
        return Double.NaN;
    }
}
