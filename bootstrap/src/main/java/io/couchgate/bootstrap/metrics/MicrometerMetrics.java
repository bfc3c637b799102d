package io.couchgate.bootstrap.metrics;

import io.couchgate.application.port.out.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * couchgate's own series (README "Metrics"), registered on the Prometheus registry that the management listener
 * scrapes. Every counter and timer is resolved here, once; recording is an array or map read and an atomic add, so
 * the {@code /database} relay pays no tag lookup and no allocation per request.
 */
@Singleton
final class MicrometerMetrics implements Metrics {

    /** The audit log's outcomes of a signup or login; each series exists from the start, at 0. */
    static final List<String> OUTCOMES = List.of("ok", "failed", "throttled", "busy", "unavailable", "refused");
    /** The status classes of {@code /database} answers, index {@code status / 100 - 2}. */
    static final List<String> STATUS_CLASSES = List.of("2xx", "3xx", "4xx", "5xx");

    private static final Duration[] DATABASE_BUCKETS = durations(1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000,
            10_000, 30_000, 60_000);
    private static final Duration[] QUEUE_BUCKETS = durations(1, 5, 10, 25, 50, 100, 250, 500, 1000, 2000, 5000);

    private final Map<String, Counter> logins;
    private final Map<String, Counter> signups;
    private final Timer[] database;
    private final Timer hashAdmitted;
    private final Timer hashTimedOut;
    private final AtomicInteger openFeeds = new AtomicInteger();

    MicrometerMetrics(PrometheusMeterRegistry registry) {
        this.logins = outcomeCounters(registry, "couchgate.logins", "logins answered, by outcome");
        this.signups = outcomeCounters(registry, "couchgate.signups", "signups answered, by outcome");
        this.database = STATUS_CLASSES.stream().map(statusClass -> Timer.builder("couchgate.database.requests")
                .description("/database requests answered (by couchgate or CouchDB), by status class; "
                        + "time from the request's head to the answer's head")
                .tag("status_class", statusClass).serviceLevelObjectives(DATABASE_BUCKETS).register(registry))
                .toArray(Timer[]::new);
        this.hashAdmitted = queueTimer(registry, "admitted");
        this.hashTimedOut = queueTimer(registry, "timed_out");
        Gauge.builder("couchgate.feeds.open", openFeeds, AtomicInteger::get)
                .description("long-lived _changes feeds (longpoll, continuous, eventsource) open now")
                .strongReference(true).register(registry);
    }

    private static Map<String, Counter> outcomeCounters(MeterRegistry registry, String name, String description) {
        return OUTCOMES.stream().collect(Collectors.toUnmodifiableMap(Function.identity(), outcome -> Counter
                .builder(name).description(description).tag("outcome", outcome).register(registry)));
    }

    private static Timer queueTimer(MeterRegistry registry, String outcome) {
        return Timer.builder("couchgate.password.queue.wait")
                .description("wait for an Argon2id turn (signup, login, password change, account deletion); "
                        + "timed_out: gave up after couchgate.password.queue-timeout and answered 503")
                .tag("outcome", outcome).serviceLevelObjectives(QUEUE_BUCKETS).register(registry);
    }

    private static Duration[] durations(long... millis) {
        Duration[] all = new Duration[millis.length];
        for (int i = 0; i < millis.length; i++) {
            all[i] = Duration.ofMillis(millis[i]);
        }
        return all;
    }

    @Override
    public void accountCall(String event, String outcome) {
        Map<String, Counter> counters = switch (event) {
            case "login" -> logins;
            case "signup" -> signups;
            default -> null;
        };
        Counter counter = counters == null ? null : counters.get(outcome);
        if (counter != null) {
            counter.increment();
        }
    }

    @Override
    public void databaseAnswer(int status, long nanos) {
        int index = status / 100 - 2;
        if (index >= 0 && index < database.length) {
            database[index].record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void feedOpened() {
        openFeeds.incrementAndGet();
    }

    @Override
    public void feedClosed() {
        openFeeds.decrementAndGet();
    }

    @Override
    public void hashQueueWait(long nanos, boolean admitted) {
        (admitted ? hashAdmitted : hashTimedOut).record(nanos, TimeUnit.NANOSECONDS);
    }
}
