package io.couchgate.domain.port.testing;

import io.couchgate.domain.port.RandomSource;

/**
 * A {@link RandomSource} that always answers the same bytes: the given pattern repeated to the length asked.
 * For tests that need predictable ids, salts and passwords.
 */
public final class FixedRandomSource implements RandomSource {

    private final byte[] pattern;

    /** @param pattern the bytes to repeat; at least one */
    public FixedRandomSource(byte... pattern) {
        if (pattern.length == 0) {
            throw new IllegalArgumentException("pattern must not be empty");
        }
        this.pattern = pattern.clone();
    }

    @Override
    public byte[] bytes(int count) {
        byte[] out = new byte[count];
        for (int i = 0; i < count; i++) {
            out[i] = pattern[i % pattern.length];
        }
        return out;
    }
}
