package io.couchgate.domain;

import java.util.Objects;

/**
 * A CouchDB user's name and password, sent as HTTP Basic credentials (RFC 7617): a session user's
 * (random password of at least 128 bits) or couchgate's admin's. {@link #toString()} never prints the password.
 *
 * @param name the CouchDB user name, e.g. {@code users/<instanceId>/<username>/<sessionId>}
 * @param password the password in plain text; kept server-side only
 */
public record CouchCredentials(String name, String password) {

    /** @throws NullPointerException if either part is null; @throws IllegalArgumentException if either is empty */
    public CouchCredentials {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
        if (name.isEmpty() || password.isEmpty()) {
            throw new IllegalArgumentException("CouchDB name and password must not be empty");
        }
    }

    @Override
    public String toString() {
        return "CouchCredentials[name=" + name + ", password=<redacted>]";
    }
}
