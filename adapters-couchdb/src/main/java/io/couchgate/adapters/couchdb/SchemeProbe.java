package io.couchgate.adapters.couchdb;

import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.SessionId;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.RandomSource;
import io.micronaut.http.HttpMethod;
import java.util.List;

/**
 * Finds out whether CouchDB verifies PBKDF2-SHA256 user passwords ({@code "pbkdf2_prf":"sha256"}, CouchDB 3.3+).
 * The throwaway user is named like a session user of a random instance, so that a crash between create and
 * delete leaves nothing the next start-up purge does not remove; it has no roles.
 */
final class SchemeProbe {

    /** Builds a user doc: credentials, roles, expiry (epoch ms), scheme. */
    interface DocumentMaker {
        SessionUserDocument make(CouchCredentials credentials, List<String> roles, long expiresAt,
                                 PasswordScheme scheme);
    }

    private final CouchDbConnection couch;
    private final CouchCredentials admin;
    private final RandomSource random;
    private final DocumentMaker maker;

    SchemeProbe(CouchDbConnection couch, CouchCredentials admin, RandomSource random, DocumentMaker maker) {
        this.couch = couch;
        this.admin = admin;
        this.random = random;
        this.maker = maker;
    }

    /**
     * Creates a throwaway user whose password is hashed with PBKDF2-SHA256, asks {@code GET /_session} with its
     * credentials, and deletes it. The user is named like a session user of an instance that never ran, so another
     * instance's orphan sweep may delete it while the probe runs; when the probe's login fails and the user is found
     * gone, the probe runs once more under a new name rather than conclude SHA-1 from a user that was not there.
     *
     * @return {@link PasswordScheme#SHA256} when CouchDB accepted the SHA-256 user's password, else
     *     {@link PasswordScheme#SHA1}
     * @throws CouchDbException when CouchDB refuses to create or delete the user, or the user vanished twice
     */
    PasswordScheme run() {
        PasswordScheme scheme = runOnce();
        if (scheme == null) {
            scheme = runOnce();
        }
        if (scheme == null) {
            throw new CouchDbException("the password scheme probe's user was deleted twice while it ran");
        }
        return scheme;
    }

    /** @return the scheme, or null when the login failed and the probe user had been deleted meanwhile */
    private PasswordScheme runOnce() {
        String name = Session.sessionUserName(InstanceId.random(), new Username("couchgate-probe"),
                SessionId.random(random));
        CouchCredentials probe = new CouchCredentials(name, random.base64Url(16));
        SessionUserDocument doc = maker.make(probe, List.of(), 0L, PasswordScheme.SHA256);
        String path = CouchDbPaths.doc("_users", doc.id());
        Reply created = couch.send(HttpMethod.PUT, path, admin, doc);
        if (!created.is(201) && !created.is(202)) {
            throw new CouchDbException(created.describe());
        }
        try {
            Reply session = couch.send(HttpMethod.GET, "/_session", probe, null);
            if (session.is(200) && name.equals(nameIn(session))) {
                return PasswordScheme.SHA256;
            }
            Reply still = couch.send(HttpMethod.GET, path, admin, null);
            if (still.is(404)) {
                return null;
            }
            if (!still.is(200)) {
                throw new CouchDbException(still.describe());
            }
            return PasswordScheme.SHA1;
        } finally {
            CouchDbSessionUserDirectory.deleteUser(couch, admin, doc.id());
        }
    }

    private String nameIn(Reply session) {
        SessionInfo info = couch.read(session, SessionInfo.class);
        return info.userCtx() == null ? null : info.userCtx().name();
    }
}
