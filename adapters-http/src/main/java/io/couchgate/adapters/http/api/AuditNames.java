package io.couchgate.adapters.http.api;

import io.couchgate.domain.InvalidUsernameException;
import io.couchgate.domain.Username;

/** The username an audit entry names for a name as typed at signup or login. */
final class AuditNames {

    private AuditNames() {
    }

    /**
     * @param raw the name as typed
     * @return its normalised form, or {@code (invalid)} when it is no valid username: what was typed then may be
     *     anything (a password typed into the wrong field), so it is not written
     */
    static String of(String raw) {
        try {
            return Username.of(raw).value();
        } catch (InvalidUsernameException | NullPointerException e) {
            return "(invalid)";
        }
    }
}
