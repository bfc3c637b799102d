package io.couchgate.adapters.http.api;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The password members of an account operation's body ({@code {"currentPassword", "newPassword"}} or
 * {@code {"password"}}), kept as characters so that they can be wiped; {@link #toString()} never prints them.
 */
final class PasswordFields {

    private final Map<String, char[]> values;

    /** @param values each member's name and characters; owned by this object from now on */
    PasswordFields(Map<String, char[]> values) {
        this.values = new LinkedHashMap<>(values);
    }

    /**
     * @param name a member the body was read for
     * @return its characters (not a copy)
     * @throws IllegalArgumentException if the body was not read for that member
     */
    char[] get(String name) {
        char[] value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no member " + name);
        }
        return value;
    }

    /** Overwrites every password with zeros; call once the use case has returned. */
    void wipe() {
        values.values().forEach(value -> Arrays.fill(value, '\0'));
    }

    @Override
    public String toString() {
        return "PasswordFields" + values.keySet() + " (values redacted)";
    }
}
