package io.couchgate.bootstrap.config;

import java.time.Duration;

/**
 * How accounts come and go, read once at start (see README).
 *
 * @param nameQuarantine {@code couchgate.signup.name-quarantine}: how long after an account's deletion its name
 *                       stays taken (default 30 days), so that nobody inherits the documents it owns
 */
public record AccountSettings(Duration nameQuarantine) {
}
