package io.couchgate.domain.port.testing;

import io.couchgate.domain.Secrets;
import io.couchgate.domain.port.SecretsStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link SecretsStore} in memory that records every save and can fail a chosen save call, to simulate a crash
 * between two steps of first start. It keeps the port's contract ({@code SecretsStoreContract}, as the file store
 * does): there are no file modes, but {@link #exposeToOthers(boolean)} stands for secrets group or others may read
 * (load refuses them), {@link #corrupt()} for an unreadable file, {@link #refuseWrites()} for a read-only disk.
 * Thread-safe (every method synchronised).
 */
public final class InMemorySecretsStore implements SecretsStore {

    private Secrets stored;
    private final List<Secrets> saves = new ArrayList<>();
    private int failingSaveCall;
    private RuntimeException saveFailure;
    private boolean exposed;
    private boolean corrupt;
    private boolean readOnly;

    /** Starts empty, as before the first start. */
    public InMemorySecretsStore() {
    }

    /** @param existing secrets written by an earlier start */
    public InMemorySecretsStore(Secrets existing) {
        this.stored = existing;
    }

    @Override
    public synchronized Optional<Secrets> load() {
        if (stored != null && exposed) {
            throw new InsecureSecretsException(location() + " is accessible by group or others");
        }
        if (stored != null && corrupt) {
            throw new IllegalStateException("cannot read the secrets file " + location());
        }
        return Optional.ofNullable(stored);
    }

    @Override
    public synchronized void save(Secrets secrets) {
        if (readOnly) {
            throw new IllegalStateException("cannot write the secrets file " + location());
        }
        if (saves.size() + 1 == failingSaveCall) {
            failingSaveCall = 0;
            throw saveFailure;
        }
        saves.add(secrets);
        stored = secrets;
        corrupt = false;
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

    /** @param readableByOthers whether the stored secrets count as readable by group or others (load refuses) */
    public synchronized void exposeToOthers(boolean readableByOthers) {
        this.exposed = readableByOthers;
    }

    /** Makes every later load fail as an unreadable secrets file does, until a save writes the secrets anew. */
    public synchronized void corrupt() {
        this.corrupt = true;
    }

    /** Makes every later save fail, storing nothing, as on a read-only disk. */
    public synchronized void refuseWrites() {
        this.readOnly = true;
    }

    /** @return every successful save, in order */
    public synchronized List<Secrets> saves() {
        return List.copyOf(saves);
    }
}
