package io.couchgate.adapters.couchdb;

import java.security.SecureRandom;

/** A {@code RandomSource} for tests: {@link SecureRandom}. */
final class TestRandom {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestRandom() {
    }

    static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
