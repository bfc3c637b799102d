package io.couchgate.domain.port.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.domain.InstanceId;
import io.couchgate.domain.port.InstanceLeases;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link InstanceLeases} must do. Instances are fresh random ids, so a store shared with other tests
 * (or left with leases by earlier runs) does not disturb the assertions, which look only at this test's ids.
 * Times are whole milliseconds (CouchDB keeps epoch milliseconds).
 */
public abstract class InstanceLeasesContract {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private InstanceLeases leases;

    /** @return the store under test */
    protected abstract InstanceLeases newLeases();

    @BeforeEach
    void open() {
        leases = newLeases();
    }

    @Test
    void markDurable_withAnotherSessionsDatabase_isRefused_andTheMarkStays() {
        InstanceId deployment = InstanceId.random();
        leases.markDurable(deployment, "couchgate_sessions");

        assertThatThrownBy(() -> leases.markDurable(deployment, "couchgate_sessions_v2"))
                .isInstanceOf(InstanceLeases.DeploymentMismatchException.class)
                .hasMessageContaining("couchgate_sessions");
        leases.markDurable(deployment, "couchgate_sessions");
        assertThat(leases.liveAt(NOW.plus(Duration.ofDays(1000)))).contains(deployment);
    }

    @Test
    void forgetLapsedBefore_deletesOnlyLeasesThatLapsedBeforeTheCutoff() {
        InstanceId longGone = InstanceId.random();
        InstanceId recentlyLapsed = InstanceId.random();
        InstanceId live = InstanceId.random();
        InstanceId deployment = InstanceId.random();
        leases.renew(longGone, NOW.minus(Duration.ofHours(2)));
        leases.renew(recentlyLapsed, NOW.minus(Duration.ofMinutes(1)));
        leases.renew(live, NOW.plus(Duration.ofHours(1)));
        leases.markDurable(deployment, "couchgate_sessions");

        assertThat(leases.forgetLapsedBefore(NOW.minus(Duration.ofHours(1)))).isPositive();
        assertThat(leases.forgetLapsedBefore(NOW.minus(Duration.ofHours(1)))).isZero();
        assertThat(leases.forgetLapsedBefore(NOW)).isPositive(); // recentlyLapsed is still there until now
        assertThat(leases.forgetLapsedBefore(NOW)).isZero();
        assertThat(leases.liveAt(NOW)).contains(live, deployment);
    }

    @Test
    void renewedLease_isLiveUntilItsExpiry_andNotAtOrAfterIt() {
        InstanceId a = InstanceId.random();
        leases.renew(a, NOW.plusSeconds(30));

        assertThat(leases.liveAt(NOW)).contains(a);
        assertThat(leases.liveAt(NOW.plusSeconds(30).minusMillis(1))).contains(a);
        assertThat(leases.liveAt(NOW.plusSeconds(30))).doesNotContain(a);
        assertThat(leases.liveAt(NOW.plusSeconds(31))).doesNotContain(a);
    }

    @Test
    void renewingAgain_movesTheExpiry_bothWays() {
        InstanceId a = InstanceId.random();
        leases.renew(a, NOW.plusSeconds(10));
        leases.renew(a, NOW.plusSeconds(40));
        assertThat(leases.liveAt(NOW.plusSeconds(20))).contains(a);

        leases.renew(a, NOW.plusSeconds(5));
        assertThat(leases.liveAt(NOW.plusSeconds(20))).doesNotContain(a);
    }

    @Test
    void releasedLease_isNotLive_andReleasingTwiceOrAnUnknownOne_isNotAnError() {
        InstanceId a = InstanceId.random();
        InstanceId b = InstanceId.random();
        leases.renew(a, NOW.plusSeconds(30));
        leases.renew(b, NOW.plusSeconds(30));

        leases.release(a);
        leases.release(a);
        leases.release(InstanceId.random());

        assertThat(leases.liveAt(NOW)).contains(b).doesNotContain(a);
    }

    @Test
    void releasedLease_canBeTakenAgain() {
        InstanceId a = InstanceId.random();
        leases.renew(a, NOW.plusSeconds(30));
        leases.release(a);
        leases.renew(a, NOW.plusSeconds(30));
        assertThat(leases.liveAt(NOW)).contains(a);
    }

    @Test
    void concurrentRenewalsOfOneLease_allSucceed_andTheLeaseStaysLive() throws Exception {
        InstanceId a = InstanceId.random();
        leases.renew(a, NOW.plusSeconds(30));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> renewals = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                long seconds = 60 + i;
                renewals.add(pool.submit(() -> {
                    go.await();
                    leases.renew(a, NOW.plusSeconds(seconds));
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> renewal : renewals) {
                renewal.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(leases.liveAt(NOW.plusSeconds(59))).contains(a);
        assertThat(leases.liveAt(NOW.plusSeconds(68))).doesNotContain(a);
    }

    @Test
    void durableDeployment_isLiveAtAnyTime_andMarkingItAgainOrFromAnotherStore_isNoError() {
        InstanceId deployment = InstanceId.random();
        leases.markDurable(deployment, "couchgate_sessions");
        leases.markDurable(deployment, "couchgate_sessions");
        newLeases().markDurable(deployment, "couchgate_sessions");

        assertThat(leases.liveAt(NOW)).contains(deployment);
        assertThat(leases.liveAt(NOW.plus(1000, ChronoUnit.DAYS))).contains(deployment);
    }
}
