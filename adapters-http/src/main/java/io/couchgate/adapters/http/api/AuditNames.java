package io.couchgate.adapters.http.api;

import io.couchgate.domain.Username;

/** The username an audit entry names for a name as typed at signup or login. */
final class AuditNames {

    private AuditNames() {
    }

    /**
     * @param raw the name as typed
     * @return the account name it reaches ({@link Username#forLogIn}: today's rules, then the older ones), or
     *     {@code (invalid)} when it can name no account: what was typed then may be anything (a password typed into
     *     the wrong field), so it is not written
     */
    static String of(String raw) {
        if (raw == null) {
            return "(invalid)";
        }
        return Username.forLogIn(raw).map(Username::value).orElse("(invalid)");
    }
}
