package io.couchgate.bootstrap.config;

import io.couchgate.application.port.in.SignUpMode;
import java.time.Duration;

/**
 * How accounts come and go, read once at start (see README).
 *
 * @param nameQuarantine {@code couchgate.signup.name-quarantine}: how long after an account's deletion its name
 *                       stays taken (default 30 days), so that nobody inherits the documents it owns
 * @param signUpMode {@code couchgate.signup.mode} (default {@code open}; the deprecated
 *                   {@code couchgate.signup.enabled: false} means {@code closed} when no mode is set)
 */
public record AccountSettings(Duration nameQuarantine, SignUpMode signUpMode) {

    /**
     * Open signup.
     *
     * @param nameQuarantine as above
     */
    public AccountSettings(Duration nameQuarantine) {
        this(nameQuarantine, SignUpMode.OPEN);
    }
}
