package io.couchgate.adapters.couchdb.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A CouchDB user name and password for HTTP Basic authentication.
 *
 * @param name the CouchDB user name
 * @param password the password in plain text; never printed by {@link #toString()}
 */
record BasicCredentials(String name, String password) {

    BasicCredentials {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
    }

    /**
     * Builds the value of an {@code Authorization} header.
     *
     * @return {@code Basic <base64(name:password)>}
     */
    String authorizationHeader() {
        String pair = name + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "BasicCredentials[name=" + name + ", password=***]";
    }
}
