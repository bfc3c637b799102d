package io.couchgate.adapters.http.proxy;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared setup of the proxy tests against a stub: per test class one {@link UpstreamStub} playing CouchDB and a
 * {@link ProxyUnderTest} in front of it (10 s read timeout); before each test the stub forgets what it received.
 */
abstract class ProxyOverStub {

    /**
     * How long a test waits for an event such as a connection closing: generous, as the machines are shared and
     * noisy. How fast it happens (the ≤ 1 s promises) is measured by scripts/bench scenario 9, not here.
     */
    static final Duration GENEROUS = Duration.ofSeconds(30);

    static UpstreamStub couchDb;
    static ProxyUnderTest proxy;

    @BeforeAll
    static void startStubAndProxy() throws Exception {
        couchDb = new UpstreamStub();
        proxy = new ProxyUnderTest(couchDb.url(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stopProxyAndStub() {
        proxy.close();
        couchDb.close();
    }

    @BeforeEach
    void resetStub() {
        couchDb.reset();
    }

    /**
     * Polls {@code value} every 5 ms until it reaches {@code atLeast} or {@code within} has passed.
     *
     * @return whether it reached it in time
     */
    static boolean pollUntil(IntSupplier value, int atLeast, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (value.getAsInt() < atLeast) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(5_000_000);
        }
        return true;
    }
}
