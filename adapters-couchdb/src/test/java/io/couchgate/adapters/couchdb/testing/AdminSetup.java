package io.couchgate.adapters.couchdb.testing;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Gives a server the admin and the {@code _users} database that CouchDB 3 always has, so every
 * test meets a server with an admin.
 */
final class AdminSetup {

    /**
     * At most five tries: CouchDB 3.4 locks a name out after five failed logins from one address.
     * Attempts at 0, 0.25, 0.75, 1.75 and 3 seconds.
     */
    private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration FIRST_LOGIN_PAUSE = Duration.ofMillis(250);
    private static final SecureRandom RANDOM = new SecureRandom();

    private AdminSetup() {
    }

    /**
     * Makes random admin credentials that CouchDB accepts as a name and password.
     *
     * @return a name {@code harness_admin_<hex>} and a password of 192 random bits in hex
     */
    static BasicCredentials randomAdmin() {
        return new BasicCredentials("harness_admin_" + hex(4), hex(24));
    }

    /**
     * Ends admin party: creates a server admin through {@code PUT /_node/_local/_config/admins/<name>},
     * or, where that API is missing (404, 400 or 405, as on CouchDB 1.x and the dev server),
     * through {@code PUT /_config/admins/<name>}; then waits until the admin can log in.
     *
     * @param http a client for a server in admin party
     * @return the new admin's credentials
     * @throws IllegalStateException when the server refuses the admin or its login
     */
    static BasicCredentials createAdmin(CouchHttp http) {
        BasicCredentials admin = randomAdmin();
        String password = "\"" + admin.password() + "\"";
        HttpResponse<String> answer = http.send("PUT", "/_node/_local/_config/admins/" + admin.name(), password, null);
        if (answer.statusCode() == 404 || answer.statusCode() == 400 || answer.statusCode() == 405) {
            answer = http.send("PUT", "/_config/admins/" + admin.name(), password, null);
        }
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("the server refused a new admin: " + answer.statusCode() + " " + answer.body());
        }
        awaitAdminLogin(http, admin);
        return admin;
    }

    /**
     * Waits until {@code admin} logs in through {@code GET /_session} with the {@code _admin} role
     * (CouchDB 3.4 hashes a new admin's password asynchronously).
     *
     * @param http a client for the server
     * @param admin the credentials to try
     * @throws IllegalStateException when they still fail after five tries
     */
    static void awaitAdminLogin(CouchHttp http, BasicCredentials admin) {
        if (!Poll.until(() -> hasAdminRole(http.send("GET", "/_session", null, admin)), LOGIN_TIMEOUT, FIRST_LOGIN_PAUSE)) {
            throw new IllegalStateException("admin " + admin.name() + " cannot log in to the CouchDB server as _admin");
        }
    }

    /**
     * Tells whether the server is in admin party.
     *
     * @param http a client for the server
     * @return whether an anonymous {@code GET /_session} shows the {@code _admin} role
     */
    static boolean isAdminParty(CouchHttp http) {
        return hasAdminRole(http.send("GET", "/_session", null, null));
    }

    /**
     * Creates the {@code _users} database unless it exists.
     *
     * @param http a client for the server
     * @param admin the server admin's credentials
     * @throws IllegalStateException when the server answers neither that it exists nor that it made it
     */
    static void ensureUsersDatabase(CouchHttp http, BasicCredentials admin) {
        int lookup = http.send("GET", "/_users", null, admin).statusCode();
        if (lookup == 200) {
            return;
        }
        HttpResponse<String> create = http.send("PUT", "/_users", null, admin);
        int status = create.statusCode();
        if (status != 201 && status != 202 && status != 412) {
            throw new IllegalStateException("cannot create _users: " + status + " " + create.body());
        }
    }

    private static boolean hasAdminRole(HttpResponse<String> session) {
        return session.statusCode() == 200 && session.body().contains("\"_admin\"");
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
