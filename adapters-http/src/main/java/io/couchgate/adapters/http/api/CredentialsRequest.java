package io.couchgate.adapters.http.api;

import java.util.Arrays;

/**
 * The body of {@code PUT /api/users} and {@code PUT /api/sessions}: {@code {"username": ..., "password": ...}}.
 * The password is kept as characters so that it can be wiped; {@link #toString()} never prints it.
 *
 * @param username the name as typed
 * @param password the password as typed
 */
record CredentialsRequest(String username, char[] password) {

    /** Overwrites the password with zeros; call once the use case has returned. */
    void wipe() {
        Arrays.fill(password, '\0');
    }

    @Override
    public String toString() {
        return "CredentialsRequest[username=" + username + ", password=<redacted>]";
    }
}
