package io.couchgate.bootstrap.health;

import io.couchgate.adapters.couchdb.CouchDbConnection;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /health} reports CouchDB: UP when it answers its welcome ({@code GET /}) within {@link #BOUND}, DOWN
 * otherwise. Asked anew at every health request, so it turns UP again without a restart once CouchDB is back. A
 * CouchDB that accepts connections but never answers (frozen, overloaded) makes the health answer DOWN after the
 * bound instead of after the connection's 60 s read timeout; while such a check hangs, later health requests wait
 * for that same check (one thread, at most one check at a time), so a flood of them starts no more requests.
 */
@Singleton
class CouchDbHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    /** The longest a health request waits for CouchDB's welcome. */
    static final Duration BOUND = Duration.ofSeconds(2);

    private final CouchDbConnection couch;
    private final Duration bound;
    private final ExecutorService checker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "couchgate-health-couchdb");
        thread.setDaemon(true);
        return thread;
    });
    private CompletableFuture<Boolean> inFlight;

    @Inject
    CouchDbHealthIndicator(CouchDbConnection couch) {
        this(couch, BOUND);
    }

    CouchDbHealthIndicator(CouchDbConnection couch, Duration bound) {
        this.couch = couch;
        this.bound = bound;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        healthStatus = couchDbAnswers() ? HealthStatus.UP : HealthStatus.DOWN;
        return Map.of(); // no URL: /health is public and need not map the network
    }

    /** @return true when CouchDB answered its welcome within the bound */
    boolean couchDbAnswers() {
        try {
            return check().get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private synchronized CompletableFuture<Boolean> check() {
        if (inFlight == null || inFlight.isDone()) {
            inFlight = CompletableFuture.supplyAsync(couch::isUp, checker);
        }
        return inFlight;
    }

    @Override
    protected String getName() {
        return "couchdb";
    }

    @PreDestroy
    void stop() {
        checker.shutdownNow();
    }
}
