package io.couchgate.adapters.http.api;

import java.util.Arrays;

/**
 * The body of {@code PUT /api/users} and {@code PUT /api/sessions}: {@code {"username": ..., "password": ...}}, and
 * for a signup in invite mode {@code "invitation": ...}. The password is kept as characters so that it can be wiped;
 * {@link #toString()} prints neither it nor the invitation code.
 *
 * @param username the name as typed
 * @param password the password as typed
 * @param invitation the invitation code as typed; null when the body has none or one that is not a string
 * @param invitationNotString whether the body's {@code invitation} member is there but not a string (a number,
 *                            null, an object, ...)
 */
record CredentialsRequest(String username, char[] password, String invitation, boolean invitationNotString) {

    /** Overwrites the password with zeros; call once the use case has returned. */
    void wipe() {
        Arrays.fill(password, '\0');
    }

    @Override
    public String toString() {
        return "CredentialsRequest[username=" + username + ", password=<redacted>, invitation="
                + (invitation == null ? "none" : "<redacted>") + "]";
    }
}
