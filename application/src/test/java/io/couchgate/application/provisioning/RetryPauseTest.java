package io.couchgate.application.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.application.port.in.ProvisioningException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPauseTest {

    @Test
    void sleeping_endsProvisioning_whenTheThreadIsInterrupted_andKeepsTheInterruptFlag() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> RetryPause.sleeping().pause(Duration.ofSeconds(5)))
                    .isInstanceOf(ProvisioningException.class)
                    .hasMessage("interrupted while waiting for CouchDB to accept couchgate's admin");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
