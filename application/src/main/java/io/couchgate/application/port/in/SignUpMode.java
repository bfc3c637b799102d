package io.couchgate.application.port.in;

import java.util.Locale;

/** {@code couchgate.signup.mode}: who may sign up. */
public enum SignUpMode {
    /** Anyone (the default). */
    OPEN,
    /** No one: every signup gets {@link SignUpClosedException}. */
    CLOSED,
    /** Only with a valid, unexpired, unused invitation code (made by the admin CLI). */
    INVITE;

    /**
     * @param raw {@code open}, {@code closed} or {@code invite}, in any case, blanks around ignored
     * @return the mode
     * @throws IllegalArgumentException for anything else
     */
    public static SignUpMode parse(String raw) {
        String chosen = raw.trim().toLowerCase(Locale.ROOT);
        for (SignUpMode mode : values()) {
            if (mode.name().toLowerCase(Locale.ROOT).equals(chosen)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("couchgate.signup.mode must be open, closed or invite, was '" + raw + "'");
    }
}
