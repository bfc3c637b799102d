package io.couchgate.adapters.couchdb.testing;

import java.net.URI;
import java.util.Map;

/** A server named by the environment: {@code COUCHDB_URL}, {@code COUCHDB_ADMIN_USER}, {@code COUCHDB_ADMIN_PASSWORD}. */
final class ExternalCouchDb {

    private ExternalCouchDb() {
    }

    /**
     * Tells whether the environment names a server.
     *
     * @param env the process environment
     * @return whether {@code COUCHDB_URL} is set and not blank
     */
    static boolean configured(Map<String, String> env) {
        return !env.getOrDefault("COUCHDB_URL", "").isBlank();
    }

    /**
     * Connects to the named server. With admin credentials in the environment they must log in as
     * {@code _admin}; without them the server must be in admin party, and gets a random admin.
     * Either way {@code _users} is created when missing.
     *
     * @param env the process environment
     * @return the server, with its admin
     * @throws IllegalStateException when the server has admins but the environment names none, or they fail
     */
    static CouchDbServer connect(Map<String, String> env) {
        URI url = URI.create(env.get("COUCHDB_URL").trim());
        CouchHttp http = new CouchHttp(withoutTrailingSlash(url));
        BasicCredentials admin = admin(env, http, url);
        AdminSetup.ensureUsersDatabase(http, admin);
        return new CouchDbServer(url, admin, CouchDbExtension.SOURCE_URL, () -> { });
    }

    private static BasicCredentials admin(Map<String, String> env, CouchHttp http, URI url) {
        String user = env.getOrDefault("COUCHDB_ADMIN_USER", "");
        if (!user.isBlank()) {
            BasicCredentials given = new BasicCredentials(user, env.getOrDefault("COUCHDB_ADMIN_PASSWORD", ""));
            AdminSetup.awaitAdminLogin(http, given);
            return given;
        }
        if (!AdminSetup.isAdminParty(http)) {
            throw new IllegalStateException("COUCHDB_URL " + url + " has admins: set COUCHDB_ADMIN_USER and COUCHDB_ADMIN_PASSWORD");
        }
        return AdminSetup.createAdmin(http);
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}
