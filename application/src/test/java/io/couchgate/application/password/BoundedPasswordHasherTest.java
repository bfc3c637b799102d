package io.couchgate.application.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.application.port.in.PasswordHashingBusyException;
import io.couchgate.application.port.out.Metrics;
import io.couchgate.application.testing.CheapHashing;
import io.couchgate.domain.HashParameters;
import io.couchgate.domain.PasswordHash;
import io.couchgate.domain.port.testing.CountingRandomSource;
import io.couchgate.domain.port.testing.GatedPasswordHasher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedPasswordHasherTest {

    private static final Duration GENEROUS = Duration.ofSeconds(30);
    private static final char[] PASSWORD = "violet-Kettle-47-orbit".toCharArray();

    private final GatedPasswordHasher gated =
            new GatedPasswordHasher(new Argon2idPasswordHasher(new CountingRandomSource(), CheapHashing.PARAMETERS));
    private final PasswordHash stored = gated.hash(PASSWORD);
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void openTheGateAndStopTheCallers() throws InterruptedException {
        gated.open();
        callers.shutdown();
        assertThat(callers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void defaultBound_isAQuarterOfTheHeapDividedByTheArgon2Memory() {
        HashParameters owasp = HashParameters.OWASP_MINIMUM; // m = 19456 KiB = 19 MiB
        assertThat(BoundedPasswordHasher.defaultMaxConcurrent(1L << 30, owasp)).isEqualTo(13); // 256 MiB / 19 MiB
        assertThat(BoundedPasswordHasher.defaultMaxConcurrent(4L << 30, owasp)).isEqualTo(53);
        assertThat(BoundedPasswordHasher.defaultMaxConcurrent(76L << 20, owasp)).isEqualTo(1); // exactly 19 MiB
    }

    @Test
    void defaultBound_isAtLeastOne_evenWhenNoRunFitsTheQuarter() {
        assertThat(BoundedPasswordHasher.defaultMaxConcurrent(64L << 20, HashParameters.OWASP_MINIMUM)).isEqualTo(1);
        assertThat(BoundedPasswordHasher.defaultMaxConcurrent(0, HashParameters.OWASP_MINIMUM)).isEqualTo(1);
    }

    @Test
    void atMostTheBoundRunAtOnce_theOthersWaitTheirTurn_andAllFinish() throws Exception {
        BoundedPasswordHasher bounded = new BoundedPasswordHasher(gated, 2, GENEROUS);
        gated.resetCounts();
        gated.close();
        List<Future<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(callers.submit(() -> bounded.verify(PASSWORD.clone(), stored)));
        }

        assertThat(gated.awaitInside(2, GENEROUS)).isTrue();
        assertThat(poll(() -> bounded.waiting() == 3)).as("three calls queue for a turn").isTrue();
        assertThat(gated.entered()).isEqualTo(2);
        assertThat(bounded.running()).isEqualTo(2);

        gated.open();
        for (Future<Boolean> call : calls) {
            assertThat(call.get(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(gated.entered()).isEqualTo(5);
        assertThat(gated.mostInside()).isEqualTo(2);
        assertThat(bounded.running()).isZero();
    }

    @Test
    void aCallThatWaitsTheWholeQueueTimeout_isBusy_andNeverHashes() throws Exception {
        BoundedPasswordHasher bounded = new BoundedPasswordHasher(gated, 1, Duration.ofMillis(50));
        gated.resetCounts();
        gated.close();
        Future<Boolean> holder = callers.submit(() -> bounded.verify(PASSWORD.clone(), stored));
        assertThat(gated.awaitInside(1, GENEROUS)).isTrue();

        assertThatThrownBy(() -> bounded.verify(PASSWORD.clone(), stored))
                .isInstanceOfSatisfying(PasswordHashingBusyException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(50)))
                .hasMessage("too many password checks at once; try again shortly");
        assertThatThrownBy(() -> bounded.hash(PASSWORD.clone())).isInstanceOf(PasswordHashingBusyException.class);
        assertThat(gated.entered()).isEqualTo(1);

        gated.open();
        assertThat(holder.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bounded.verify(PASSWORD.clone(), stored)).isTrue();
    }

    @Test
    void everyWaitForATurn_isReported_admittedOrNot() throws Exception {
        List<String> waits = new CopyOnWriteArrayList<>();
        Metrics metrics = new Metrics() {
            @Override
            public void hashQueueWait(long nanos, boolean admitted) {
                waits.add((admitted ? "admitted" : "gave-up") + (nanos >= 0 ? "" : " negative"));
                if (!admitted) {
                    assertThat(nanos).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
                }
            }
        };
        BoundedPasswordHasher bounded = new BoundedPasswordHasher(gated, 1, Duration.ofMillis(50), metrics);
        gated.close();
        Future<Boolean> holder = callers.submit(() -> bounded.verify(PASSWORD.clone(), stored));
        assertThat(gated.awaitInside(1, GENEROUS)).isTrue();

        assertThatThrownBy(() -> bounded.hash(PASSWORD.clone())).isInstanceOf(PasswordHashingBusyException.class);
        gated.open();
        assertThat(holder.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bounded.needsRehash(stored)).isFalse();

        assertThat(waits).containsExactly("admitted", "gave-up");
    }

    @Test
    void needsRehash_neverWaitsForATurn() throws Exception {
        BoundedPasswordHasher bounded = new BoundedPasswordHasher(gated, 1, Duration.ofMillis(50));
        gated.close();
        callers.submit(() -> bounded.hash(PASSWORD.clone()));
        assertThat(gated.awaitInside(1, GENEROUS)).isTrue();

        assertThat(bounded.needsRehash(stored)).isFalse();
    }

    @Test
    void aRunThatFails_givesItsTurnBack() {
        BoundedPasswordHasher bounded = new BoundedPasswordHasher(gated, 1, Duration.ofMillis(50));
        PasswordHash corrupt = new PasswordHash("$argon2id$v=19$m=64,t=1,p=1$A$AAAA");

        assertThatThrownBy(() -> bounded.verify(PASSWORD.clone(), corrupt))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(bounded.running()).isZero();
        assertThat(bounded.verify(PASSWORD.clone(), stored)).isTrue();
    }

    @Test
    void answersAreTheDelegatesOwn_aHashThatVerifies_aWrongPasswordThatDoesNot_andItsRehashVerdict() {
        BoundedPasswordHasher bounded = new BoundedPasswordHasher(gated, 3, GENEROUS);
        BoundedPasswordHasher newer = new BoundedPasswordHasher(
                new Argon2idPasswordHasher(new CountingRandomSource(), CheapHashing.NEWER), 1, GENEROUS);

        PasswordHash made = bounded.hash(PASSWORD.clone());

        assertThat(made.parameters()).isEqualTo(CheapHashing.PARAMETERS);
        assertThat(gated.verify(PASSWORD.clone(), made)).isTrue();
        assertThat(bounded.verify("violet-Kettle-47-orbiT".toCharArray(), stored)).isFalse();
        assertThat(newer.needsRehash(stored)).isTrue();
        assertThat(bounded.maxConcurrent()).isEqualTo(3);
    }

    @Test
    void boundBelowOne_orNonPositiveTimeout_isRefused() {
        assertThatThrownBy(() -> new BoundedPasswordHasher(gated, 0, GENEROUS))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxConcurrent must be at least 1, was 0");
        assertThatThrownBy(() -> new BoundedPasswordHasher(gated, 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("queueTimeout must be positive, was PT0S");
    }

    /** Asks {@code condition} again and again for up to 30 s; true as soon as it holds. */
    private static boolean poll(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + GENEROUS.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return true;
    }
}
