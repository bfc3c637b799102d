package io.couchgate.domain.port.testing;

import io.couchgate.domain.port.RandomSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A deterministic {@link RandomSource} whose every call returns different bytes (for up to 8 bytes, different for
 * 2^(8 × count) calls): byte {@code i} of call {@code n} is byte {@code i mod 8} of {@code n}, mixed with {@code i}.
 * Counts the calls. Not random at all: for tests only.
 */
public final class CountingRandomSource implements RandomSource {

    private final AtomicLong calls = new AtomicLong();

    @Override
    public byte[] bytes(int count) {
        long call = calls.incrementAndGet();
        byte[] out = new byte[count];
        for (int i = 0; i < count; i++) {
            out[i] = (byte) ((call >>> (8 * (i % Long.BYTES))) ^ (i * 37));
        }
        return out;
    }

    /** @return how many times {@link #bytes(int)} was called */
    public long calls() {
        return calls.get();
    }
}
