package io.couchgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.Bucket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The throttles' memory bound: invented keys cannot grow the map past its size; the least recently used goes. */
class BoundedBucketsTest {

    private static Bucket oneToken() {
        return Bucket.builder().addLimit(limit -> limit.capacity(1).refillIntervally(1, Duration.ofHours(1)))
                .build();
    }

    @Test
    void manyKeys_keepAtMostMaxEntries() {
        BoundedBuckets buckets = new BoundedBuckets(3, BoundedBucketsTest::oneToken);

        for (int i = 0; i < 1000; i++) {
            buckets.get("198.51.100." + i).tryConsume(1);
        }

        assertThat(buckets.size()).isEqualTo(3);
    }

    @Test
    void theLeastRecentlyUsedBucketIsDropped_aRecentlyUsedOneKeepsItsCount() {
        BoundedBuckets buckets = new BoundedBuckets(2, BoundedBucketsTest::oneToken);
        assertThat(buckets.get("a").tryConsume(1)).isTrue();
        assertThat(buckets.get("b").tryConsume(1)).isTrue();
        buckets.get("a"); // a is now the most recently used

        buckets.get("c");

        assertThat(buckets.get("a").tryConsume(1)).as("a kept: still empty").isFalse();
        assertThat(buckets.get("b").tryConsume(1)).as("b dropped: starts full").isTrue();
    }

    @Test
    void reset_forgetsTheKey_soItStartsFull() {
        BoundedBuckets buckets = new BoundedBuckets(2, BoundedBucketsTest::oneToken);
        buckets.get("a").tryConsume(1);

        buckets.reset("a");

        assertThat(buckets.size()).isZero();
        assertThat(buckets.get("a").tryConsume(1)).isTrue();
    }
}
