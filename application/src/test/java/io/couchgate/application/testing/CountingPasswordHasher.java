package io.couchgate.application.testing;

import io.couchgate.domain.PasswordHash;
import io.couchgate.domain.port.PasswordHasher;
import java.util.concurrent.atomic.AtomicInteger;

/** Wraps a real {@link PasswordHasher} and counts its calls. */
public final class CountingPasswordHasher implements PasswordHasher {

    private final PasswordHasher delegate;
    private final AtomicInteger hashes = new AtomicInteger();
    private final AtomicInteger verifies = new AtomicInteger();

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

    /** Forgets the counts so far (e.g. the dummy hash a service makes at construction). */
    public void reset() {
        hashes.set(0);
        verifies.set(0);
    }
}
