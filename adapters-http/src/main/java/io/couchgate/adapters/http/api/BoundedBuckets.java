package io.couchgate.adapters.http.api;

import io.github.bucket4j.Bucket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Token buckets by key (a username or a client address), at most {@code maxEntries} of them: the least recently
 * used bucket is dropped first, so that an attacker who invents keys cannot exhaust memory. Thread-safe.
 */
final class BoundedBuckets {

    private final Map<String, Bucket> buckets;
    private final Supplier<Bucket> factory;

    /**
     * @param maxEntries how many buckets to keep at most
     * @param factory makes a full bucket for a new key
     */
    BoundedBuckets(int maxEntries, Supplier<Bucket> factory) {
        this.factory = factory;
        this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** @return the key's bucket, made full on first use */
    synchronized Bucket get(String key) {
        return buckets.computeIfAbsent(key, k -> factory.get());
    }

    /** Forgets the key's bucket: its next use starts full. */
    synchronized void reset(String key) {
        buckets.remove(key);
    }

    /** @return how many buckets are kept */
    synchronized int size() {
        return buckets.size();
    }
}
