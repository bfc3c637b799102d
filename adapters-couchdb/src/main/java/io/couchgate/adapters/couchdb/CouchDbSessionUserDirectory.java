package io.couchgate.adapters.couchdb;

import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.SessionUserName;
import io.couchgate.domain.port.RandomSource;
import io.couchgate.domain.port.SessionUserDirectory;
import io.micronaut.http.HttpMethod;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SessionUserDirectory} in CouchDB's {@code _users} (intro/security.html#authentication-database), written
 * by couchgate's admin. Passwords are stored pre-hashed with PBKDF2 at a low iteration count (they are random,
 * at least 128 bits), never as a plain {@code password} field. The PBKDF2 form is chosen once, by
 * {@link #probeScheme()}.
 */
public final class CouchDbSessionUserDirectory implements SessionUserDirectory {

    /** PBKDF2 iterations of session-user passwords: low on purpose, the passwords are random. */
    static final int ITERATIONS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(CouchDbSessionUserDirectory.class);

    private final CouchDbConnection couch;
    private final CouchCredentials admin;
    private final RandomSource random;
    private volatile PasswordScheme scheme;

    /**
     * @param couch the connection to CouchDB
     * @param admin couchgate's server admin, who writes {@code _users}
     * @param random the source of salts (and of the probe user's name and password)
     */
    public CouchDbSessionUserDirectory(CouchDbConnection couch, CouchCredentials admin, RandomSource random) {
        this.couch = Objects.requireNonNull(couch, "couch");
        this.admin = Objects.requireNonNull(admin, "admin");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Chooses how session-user passwords are hashed, once. For CouchDB ({@link CouchDbCompatibility#COUCHDB}):
     * PBKDF2-SHA256, which CouchDB 3.3 and later verify, without asking. With
     * {@link CouchDbCompatibility#POUCHDB_SERVER}: creates a throwaway user hashed with PBKDF2-SHA256, logs in as it
     * ({@code GET /_session}), deletes it; SHA-256 if that login worked, else SHA-1 (the dev server verifies only
     * that). Later calls return the first choice. {@link #create} calls it when nobody did.
     *
     * @return {@code "pbkdf2-sha256"} or {@code "pbkdf2-sha1"}
     * @throws CouchDbException if CouchDB fails
     */
    public synchronized String probeScheme() {
        if (scheme == null) {
            scheme = couch.compatibility().isPouchDbServer()
                    ? new SchemeProbe(couch, admin, random, this::document).run() : PasswordScheme.SHA256;
            LOG.info("session-user passwords are stored as {}", describe(scheme));
        }
        return describe(scheme);
    }

    private static String describe(PasswordScheme scheme) {
        return scheme == PasswordScheme.SHA256 ? "pbkdf2-sha256" : "pbkdf2-sha1";
    }

    @Override
    public void create(Session session) {
        if (scheme == null) {
            probeScheme();
        }
        List<String> roles = session.passwordChangeRequired() ? List.of() // one-time password: reaches no database
                : List.of(CouchDbServerProvisioner.END_USER_ROLE, "user:" + session.username());
        SessionUserDocument doc = document(session.credentials(), roles, session.expiresAt().toEpochMilli(), scheme);
        Reply reply = couch.send(HttpMethod.PUT, CouchDbPaths.doc("_users", doc.id()), admin, doc);
        if (!reply.is(201) && !reply.is(202)) {
            throw new CouchDbException(reply.describe());
        }
    }

    SessionUserDocument document(CouchCredentials credentials, List<String> roles, long expiresAtMillis,
                                 PasswordScheme hashing) {
        String salt = HexFormat.of().formatHex(random.bytes(16));
        return new SessionUserDocument(SessionUserDocument.ID_PREFIX + credentials.name(), credentials.name(),
                "user", roles, expiresAtMillis, "pbkdf2", ITERATIONS, salt,
                hashing.derivedKey(credentials.password(), salt, ITERATIONS), hashing.prf());
    }

    @Override
    public void delete(Session session) {
        deleteUser(couch, admin, SessionUserDocument.ID_PREFIX + session.credentials().name());
    }

    /**
     * {@code GET /_users/<id>} as couchgate's admin: 200 means the user is there, 404 (missing or deleted) that it
     * is gone.
     */
    @Override
    public boolean exists(Session session) {
        String path = CouchDbPaths.doc("_users", SessionUserDocument.ID_PREFIX + session.credentials().name());
        Reply reply = couch.send(HttpMethod.GET, path, admin, null);
        if (reply.is(200)) {
            return true;
        }
        if (reply.is(404)) {
            return false;
        }
        throw new CouchDbException(reply.describe());
    }

    /**
     * Deletes {@code _users/<id>} as couchgate's admin: reads its current {@code _rev}, then
     * {@code DELETE ?rev=}. A user already gone (404) is not an error. A 409 means another writer (another
     * instance's sweep, say) changed or deleted the user between the read and the delete; the user is then read
     * and deleted once more, so that a concurrent delete of the same user is not reported as a failure.
     *
     * @param id the {@code _users} doc id ({@code org.couchdb.user:<name>}), unencoded
     * @throws CouchDbException when CouchDB answers anything else, or a second 409
     */
    static void deleteUser(CouchDbConnection couch, CouchCredentials admin, String id) {
        if (!tryDeleteUser(couch, admin, id)) {
            if (!tryDeleteUser(couch, admin, id)) {
                throw new CouchDbException("the session user " + id + " kept changing while it was deleted (409)");
            }
        }
    }

    /** @return false on a 409 (changed since read), true when the user is deleted or was already gone */
    private static boolean tryDeleteUser(CouchDbConnection couch, CouchCredentials admin, String id) {
        String path = CouchDbPaths.doc("_users", id);
        Reply current = couch.send(HttpMethod.GET, path, admin, null);
        if (current.is(404)) {
            return true;
        }
        if (!current.is(200)) {
            throw new CouchDbException(current.describe());
        }
        String rev = couch.read(current, DocRevision.class).rev();
        Reply reply = couch.send(HttpMethod.DELETE, path + "?rev=" + CouchDbPaths.queryValue(rev), admin, null);
        if (reply.is(409)) {
            return false;
        }
        if (!reply.is(200) && !reply.is(202) && !reply.is(404)) {
            throw new CouchDbException(reply.describe());
        }
        return true;
    }

    @Override
    public long deleteUsersWhere(Predicate<SessionUserName> isStale) {
        Objects.requireNonNull(isStale, "isStale");
        return new SessionUserPurge(couch, admin).deleteWhere(isStale);
    }
}
