package io.couchgate.application.provisioning;

import io.couchgate.application.port.in.ProvisioningException;
import java.time.Duration;

/** Waits between two checks of a new admin; tests pass one that only records the pauses. */
@FunctionalInterface
public interface RetryPause {

    /** @param duration how long to wait */
    void pause(Duration duration);

    /** @return a pause that sleeps the calling thread; an interrupt ends provisioning */
    static RetryPause sleeping() {
        return duration -> {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProvisioningException("interrupted while waiting for CouchDB to accept couchgate's admin");
            }
        };
    }
}
