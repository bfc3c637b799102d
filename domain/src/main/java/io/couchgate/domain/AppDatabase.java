package io.couchgate.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A database of the app that sessions may use through {@code /database}.
 *
 * @param name a CouchDB database name ({@code ^[a-z][a-z0-9_$()+/-]*$}, per the CouchDB docs' PUT /{db})
 * @param policy its write policy
 */
public record AppDatabase(String name, DatabasePolicy policy) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_$()+-]{0,237}");

    /** @throws IllegalArgumentException if the name is not a valid CouchDB name (slashes are not allowed here) */
    public AppDatabase {
        Objects.requireNonNull(policy, "policy");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid database name: " + name);
        }
        if (name.equals("app_users")) {
            throw new IllegalArgumentException("app_users is couchgate's own database");
        }
    }
}
