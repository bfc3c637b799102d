package io.couchgate.domain.port.testing;

import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.port.InstanceLeases;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link InstanceLeases} in memory: instance to expiry. Can fail every call ({@link #failAll}) to play a CouchDB
 * that is away. Thread-safe (every method synchronised).
 */
public final class InMemoryInstanceLeases implements InstanceLeases {

    private final Map<InstanceId, Instant> leases = new HashMap<>();
    private final Map<InstanceId, String> durableDatabases = new HashMap<>();
    private boolean failing;

    @Override
    public synchronized void renew(InstanceId instance, Instant expiresAt) {
        failIfAsked("renew");
        leases.put(instance, expiresAt);
    }

    @Override
    public synchronized void release(InstanceId instance) {
        failIfAsked("release");
        leases.remove(instance);
    }

    @Override
    public synchronized Set<InstanceId> liveAt(Instant now) {
        failIfAsked("liveAt");
        return leases.entrySet().stream().filter(e -> e.getValue().isAfter(now)).map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public synchronized long forgetLapsedBefore(Instant cutoff) {
        failIfAsked("forgetLapsedBefore");
        List<InstanceId> lapsed = leases.entrySet().stream().filter(e -> e.getValue().isBefore(cutoff))
                .map(Map.Entry::getKey).toList();
        lapsed.forEach(leases::remove);
        return lapsed.size();
    }

    @Override
    public synchronized void markDurable(InstanceId deployment, String sessionsDatabase) {
        failIfAsked("markDurable");
        String marked = durableDatabases.putIfAbsent(deployment, sessionsDatabase);
        if (marked != null && !marked.equals(sessionsDatabase)) {
            throw new DeploymentMismatchException("deployment " + deployment + " keeps its sessions in " + marked);
        }
        leases.put(deployment, Instant.MAX);
    }

    /** @param fail true: every call throws {@link CouchDbException} until called with false */
    public synchronized void failAll(boolean fail) {
        failing = fail;
    }

    /** @return every lease held now, lapsed ones included, instance to expiry */
    public synchronized Map<InstanceId, Instant> leases() {
        return Map.copyOf(leases);
    }

    private void failIfAsked(String what) {
        if (failing) {
            throw new CouchDbException(what + " of a lease failed (injected)");
        }
    }
}
