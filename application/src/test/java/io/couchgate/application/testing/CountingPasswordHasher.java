package io.couchgate.application.testing;

import io.couchgate.domain.PasswordHash;
import io.couchgate.domain.port.PasswordHasher;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Wraps a real {@link PasswordHasher}, counts its calls and records the hashes it verified against. */
public final class CountingPasswordHasher implements PasswordHasher {

    private final PasswordHasher delegate;
    private final AtomicInteger hashes = new AtomicInteger();
    private final AtomicInteger verifies = new AtomicInteger();
    private final List<PasswordHash> verifiedAgainst = new CopyOnWriteArrayList<>();

    /** @param delegate the hasher that does the work */
    public CountingPasswordHasher(PasswordHasher delegate) {
        this.delegate = delegate;
    }

    @Override
    public PasswordHash hash(char[] password) {
        hashes.incrementAndGet();
        return delegate.hash(password);
    }

    @Override
    public boolean verify(char[] password, PasswordHash hash) {
        verifies.incrementAndGet();
        verifiedAgainst.add(hash);
        return delegate.verify(password, hash);
    }

    @Override
    public boolean needsRehash(PasswordHash hash) {
        return delegate.needsRehash(hash);
    }

    /** @return calls of {@link #hash} */
    public int hashes() {
        return hashes.get();
    }

    /** @return calls of {@link #verify} */
    public int verifies() {
        return verifies.get();
    }

    /** @return the hashes {@link #verify} was called with, oldest first */
    public List<PasswordHash> verifiedAgainst() {
        return List.copyOf(verifiedAgainst);
    }

    /** Forgets the counts so far (e.g. the dummy hash a service makes at construction). */
    public void reset() {
        hashes.set(0);
        verifies.set(0);
        verifiedAgainst.clear();
    }
}
