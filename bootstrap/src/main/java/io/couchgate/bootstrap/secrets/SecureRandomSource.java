package io.couchgate.bootstrap.secrets;

import io.couchgate.domain.port.RandomSource;
import java.security.SecureRandom;

/** {@link RandomSource} backed by the platform's default {@link SecureRandom}. Thread-safe. */
public final class SecureRandomSource implements RandomSource {

    private final SecureRandom random = new SecureRandom();

    @Override
    public byte[] bytes(int count) {
        byte[] out = new byte[count];
        random.nextBytes(out);
        return out;
    }
}
