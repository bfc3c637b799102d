package io.couchgate.bootstrap.proxy;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A stream of pseudo-random bytes made on the fly (xorshift64 from a seed): large bodies without holding them. */
final class GeneratedBytes extends InputStream {

    private final long length;
    private long position;
    private long state;
    private long word;

    GeneratedBytes(long length, long seed) {
        this.length = length;
        this.state = seed == 0 ? 1 : seed;
    }

    @Override
    public int read() {
        if (position >= length) {
            return -1;
        }
        if (position % 8 == 0) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            word = state;
        }
        int b = (int) (word >>> (8 * (position % 8))) & 0xff;
        position++;
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) {
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(count, length - position);
        for (int i = 0; i < n; i++) {
            buffer[offset + i] = (byte) read();
        }
        return n;
    }

    /** @return the SHA-256 of everything left to read in {@code in}, which is read to its end */
    static byte[] sha256(InputStream in) throws java.io.IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[65536];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            digest.update(buffer, 0, n);
        }
        return digest.digest();
    }
}
