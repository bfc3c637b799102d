package io.couchgate.adapters.couchdb;

import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.SessionId;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.SessionStore;
import io.micronaut.http.HttpMethod;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SessionStore} in an admin-only CouchDB database ({@code couchdb} session mode), shared by every instance
 * of a deployment. One document per session, its {@code _id} the session's {@link SessionId#digest()}; the session
 * id and the session user's password are stored only AES-256-GCM-encrypted under the deployment's session key
 * (see {@link SessionCodec}). Look-ups by user and by expiry use the views of {@code _design/couchgate_sessions}.
 * A document that cannot be decrypted counts as absent. Every unexpected CouchDB answer is a
 * {@link CouchDbException} naming only the method, path and status.
 */
public final class CouchDbSessionStore implements SessionStore {

    /** How often a removal re-reads the revision after a 409 before it gives up. */
    static final int ATTEMPTS = 5;
    /** Rows per {@code _all_docs} page of {@link #issuedAtByDigest()}. */
    static final int PAGE_SIZE = 1000;
    /** CouchDB's rule for database names (api/database/common.html#put--db). */
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_$()+/-]*");
    private static final int MAX_DATABASE_NAME = 238;
    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");

    private static final Logger LOG = LoggerFactory.getLogger(CouchDbSessionStore.class);

    private final CouchDbConnection couch;
    private final CouchCredentials admin;
    private final String database;
    private final SessionCodec codec;
    private final int pageSize;

    /**
     * @param couch the connection to CouchDB
     * @param admin couchgate's server admin, the only member of the sessions database
     * @param database the sessions database's name (e.g. {@code couchgate_sessions})
     * @param sessionKey the deployment's 32-byte AES-256 session key (copied)
     * @throws IllegalArgumentException if the name is no valid CouchDB database name or the key is not 32 bytes
     */
    public CouchDbSessionStore(CouchDbConnection couch, CouchCredentials admin, String database, byte[] sessionKey) {
        this(couch, admin, database, sessionKey, PAGE_SIZE);
    }

    /** As the public constructor, with {@code pageSize} rows per {@code _all_docs} page (tests page small). */
    CouchDbSessionStore(CouchDbConnection couch, CouchCredentials admin, String database, byte[] sessionKey,
                        int pageSize) {
        this.couch = Objects.requireNonNull(couch, "couch");
        this.admin = Objects.requireNonNull(admin, "admin");
        this.database = requireValidName(database);
        this.codec = new SessionCodec(new SessionCipher(sessionKey));
        this.pageSize = pageSize;
    }

    /**
     * @param name a database name
     * @return it, when CouchDB accepts it as a database name
     * @throws IllegalArgumentException naming the rule otherwise
     */
    static String requireValidName(String name) {
        Objects.requireNonNull(name, "database");
        if (name.length() > MAX_DATABASE_NAME || !DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid sessions database name '" + name + "': CouchDB wants a lower-"
                    + "case letter, then a-z 0-9 _ $ ( ) + - /, at most " + MAX_DATABASE_NAME + " characters");
        }
        return name;
    }

    /**
     * Makes the sessions database ready; idempotent, run at every start in {@code couchdb} mode: creates it when
     * missing, makes its {@code _security} admin-only (members and admins: couchgate's admin), and writes
     * {@code _design/couchgate_sessions} when it is missing or differs from this build's.
     *
     * @throws CouchDbException if CouchDB refuses or fails
     */
    public void ensureDatabase() {
        DatabaseSetup setup = new DatabaseSetup(couch, admin);
        setup.ensureDatabase(database);
        SecurityObject.Group adminOnly = SecurityObject.Group.names(admin.name());
        setup.ensureSecurity(database, new SecurityObject(adminOnly, adminOnly));
        ensureDesignDocument();
    }

    /**
     * Claims the sessions database for a deployment: the first claim is written, a later one of the same deployment
     * agrees, and one of another deployment (other secrets, whose session documents this instance could neither read
     * nor tell from orphans) is refused.
     *
     * @param deployment this instance's deployment id
     * @throws IllegalStateException if another deployment claimed the database
     * @throws CouchDbException if CouchDB refuses or fails
     */
    public void claimFor(InstanceId deployment) {
        String path = "/" + CouchDbPaths.segment(database) + "/" + DeploymentClaim.ID;
        if (!checkClaim(path, deployment)) {
            Reply written = couch.send(HttpMethod.PUT, path, admin,
                    new DeploymentClaim(DeploymentClaim.ID, deployment.toString()));
            if (written.is(409)) {
                checkClaim(path, deployment); // another instance claimed it meanwhile
            } else if (!written.is(201) && !written.is(202)) {
                throw new CouchDbException(written.describe());
            }
        }
    }

    /** @return true when claimed by this deployment, false when unclaimed; throws when claimed by another */
    private boolean checkClaim(String path, InstanceId deployment) {
        Reply current = couch.send(HttpMethod.GET, path, admin, null);
        if (current.is(200)) {
            String owner = couch.read(current, DeploymentClaim.class).deployment();
            if (!deployment.toString().equals(owner)) {
                throw new IllegalStateException(database + " holds the sessions of deployment " + owner + ", not of "
                        + deployment + " (this instance's secrets): give this deployment its own "
                        + "couchgate.sessions.database, or the same secrets as the other one");
            }
            return true;
        }
        if (!current.is(404)) {
            throw new CouchDbException(current.describe());
        }
        return false;
    }

    private void ensureDesignDocument() {
        String path = "/" + CouchDbPaths.segment(database) + "/" + SessionsDesignDocument.ID;
        SessionsDesignDocument wanted = SessionsDesignDocument.wanted();
        Reply current = couch.send(HttpMethod.GET, path, admin, null);
        String rev = null;
        if (current.is(200)) {
            SessionsDesignDocument stored = couch.read(current, SessionsDesignDocument.class);
            if (stored.sameContent(wanted)) {
                return;
            }
            rev = stored.rev();
        } else if (!current.is(404)) {
            throw new CouchDbException(current.describe());
        }
        Reply written = couch.send(HttpMethod.PUT, path, admin,
                new SessionsDesignDocument(wanted.id(), rev, wanted.language(), wanted.views()));
        if (!written.is(201) && !written.is(202)) {
            throw new CouchDbException(written.describe());
        }
    }

    @Override
    public void put(Session session) {
        SessionDocument doc = codec.encode(session);
        Reply reply = couch.send(HttpMethod.PUT, docPath(doc.id()), admin, doc);
        if (reply.is(404)) {
            // the database was deleted behind couchgate's back (every session gone): make it again, then retry
            LOG.warn("the sessions database {} is missing; making it again", database);
            ensureDatabase();
            reply = couch.send(HttpMethod.PUT, docPath(doc.id()), admin, doc);
        }
        if (!reply.is(201) && !reply.is(202)) {
            throw new CouchDbException(reply.describe());
        }
    }

    @Override
    public Optional<Session> find(SessionId id) {
        return findByDigest(id.digest()).filter(session -> session.id().equals(id));
    }

    @Override
    public Optional<Session> findByDigest(String digest) {
        if (digest == null || !DIGEST.matcher(digest).matches()) {
            return Optional.empty();
        }
        return read(digest).flatMap(codec::decode);
    }

    @Override
    public Optional<Session> remove(SessionId id) {
        String digest = id.digest();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<SessionDocument> doc = read(digest);
            Optional<Session> session = doc.flatMap(codec::decode).filter(found -> found.id().equals(id));
            if (session.isEmpty()) {
                return Optional.empty();
            }
            Reply reply = couch.send(HttpMethod.DELETE,
                    docPath(digest) + "?rev=" + CouchDbPaths.queryValue(doc.get().rev()), admin, null);
            if (reply.is(200) || reply.is(202)) {
                return session;
            }
            if (reply.is(404)) {
                return Optional.empty();
            }
            if (!reply.is(409)) {
                throw new CouchDbException(reply.describe());
            }
        }
        throw new CouchDbException("DELETE " + docPath(digest) + " kept conflicting (" + ATTEMPTS + " attempts)");
    }

    @Override
    public List<Session> findByUsername(Username username) {
        return view(SessionsDesignDocument.BY_USERNAME, "key=" + CouchDbPaths.queryValue(
                couch.jsonString(username.toString())));
    }

    @Override
    public List<Session> findExpiredAt(Instant now) {
        return view(SessionsDesignDocument.BY_EXPIRY, "endkey=" + now.toEpochMilli());
    }

    @Override
    public Map<String, Instant> issuedAtByDigest() {
        Map<String, Instant> index = new HashMap<>();
        String startKey = null;
        while (true) {
            List<SessionPage.Row> rows = allDocsPage(startKey);
            for (SessionPage.Row row : rows) {
                // startkey is inclusive: the previous page's last row comes again
                if (!row.id().equals(startKey)) {
                    addIssuedAt(index, row);
                }
            }
            if (rows.size() < pageSize) {
                return Map.copyOf(index);
            }
            startKey = rows.get(rows.size() - 1).id();
        }
    }

    private static void addIssuedAt(Map<String, Instant> index, SessionPage.Row row) {
        SessionDocument doc = row.doc();
        if (row.id().startsWith("_design/") || doc == null || !SessionDocument.TYPE.equals(doc.type())
                || doc.issuedAt() == null) {
            return;
        }
        index.put(row.id(), Instant.ofEpochMilli(doc.issuedAt()));
    }

    private List<SessionPage.Row> allDocsPage(String startKey) {
        String path = "/" + CouchDbPaths.segment(database) + "/_all_docs?include_docs=true&limit=" + pageSize
                + (startKey == null ? "" : "&startkey=" + CouchDbPaths.queryValue(couch.jsonString(startKey)));
        return rows(couch.send(HttpMethod.GET, path, admin, null));
    }

    private List<Session> view(String view, String query) {
        String path = "/" + CouchDbPaths.segment(database) + "/" + SessionsDesignDocument.ID + "/_view/" + view
                + "?include_docs=true&" + query;
        return rows(couch.send(HttpMethod.GET, path, admin, null)).stream()
                .flatMap(row -> codec.decode(row.doc()).stream())
                .toList();
    }

    private List<SessionPage.Row> rows(Reply reply) {
        if (!reply.is(200)) {
            throw new CouchDbException(reply.describe());
        }
        return couch.read(reply, SessionPage.class).rows();
    }

    /** @return the stored document, or empty when there is none (never written, or deleted) */
    private Optional<SessionDocument> read(String digest) {
        Reply reply = couch.send(HttpMethod.GET, docPath(digest), admin, null);
        if (reply.is(404)) {
            return Optional.empty();
        }
        if (!reply.is(200)) {
            throw new CouchDbException(reply.describe());
        }
        return Optional.of(couch.read(reply, SessionDocument.class));
    }

    private String docPath(String digest) {
        return CouchDbPaths.doc(database, digest);
    }
}
