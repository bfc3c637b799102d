package io.couchgate.domain.port.testing;

import io.couchgate.domain.Secrets;
import io.couchgate.domain.port.SecretsStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link SecretsStore} in memory that records every save and can fail a chosen save call, to simulate a crash
 * between two steps of first start. Thread-safe (every method synchronised).
 */
public final class InMemorySecretsStore implements SecretsStore {

    private Secrets stored;
    private final List<Secrets> saves = new ArrayList<>();
    private int failingSaveCall;
    private RuntimeException saveFailure;

    /** Starts empty, as before the first start. */
    public InMemorySecretsStore() {
    }

    /** @param existing secrets written by an earlier start */
    public InMemorySecretsStore(Secrets existing) {
        this.stored = existing;
    }

    @Override
    public synchronized Optional<Secrets> load() {
        return Optional.ofNullable(stored);
    }

    @Override
    public synchronized void save(Secrets secrets) {
        if (saves.size() + 1 == failingSaveCall) {
            failingSaveCall = 0;
            throw saveFailure;
        }
        saves.add(secrets);
        stored = secrets;
    }

    @Override
    public String location() {
        return "/data/couchgate/secrets.json";
    }

    /**
     * Makes one later save fail without storing anything (once).
     *
     * @param call which save fails, counting successful saves from 1 (1 = the next save on a fresh store)
     * @param failure what it throws
     */
    public synchronized void failSaveCall(int call, RuntimeException failure) {
        this.failingSaveCall = call;
        this.saveFailure = failure;
    }

    /** @return every successful save, in order */
    public synchronized List<Secrets> saves() {
        return List.copyOf(saves);
    }
}
