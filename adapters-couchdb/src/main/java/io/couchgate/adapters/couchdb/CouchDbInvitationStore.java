package io.couchgate.adapters.couchdb;

import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.Invitation;
import io.couchgate.domain.port.InvitationStore;
import io.micronaut.http.HttpMethod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link InvitationStore} in the admin-only database {@code app_users}: one document
 * {@code invitation:<sha-256 hex of the code>} per invitation, with {@code type}, {@code created_at} and
 * {@code expires_at} (ISO-8601). {@link #take} is a {@code DELETE} naming the revision just read: CouchDB's MVCC
 * lets exactly one of concurrent takers delete it, the others get 409 (api/document/common.html#delete--db-docid).
 */
public final class CouchDbInvitationStore implements InvitationStore {

    private static final int PAGE_SIZE = 500;

    private final CouchDbConnection couch;
    private final CouchCredentials admin;

    /**
     * @param couch the connection to CouchDB
     * @param admin couchgate's server admin (the only member of {@code app_users})
     */
    public CouchDbInvitationStore(CouchDbConnection couch, CouchCredentials admin) {
        this.couch = Objects.requireNonNull(couch, "couch");
        this.admin = Objects.requireNonNull(admin, "admin");
    }

    @Override
    public void add(Invitation invitation) {
        String path = path(invitation.codeHash());
        Reply reply = couch.send(HttpMethod.PUT, path, admin, document(invitation, null));
        if (reply.is(409)) {
            String rev = read(invitation.codeHash()).map(InvitationDocument::rev)
                    .orElseThrow(() -> new CouchDbException(reply.describe()));
            requireWritten(couch.send(HttpMethod.PUT, path, admin, document(invitation, rev)));
            return;
        }
        requireWritten(reply);
    }

    @Override
    public List<Invitation> list() {
        List<Invitation> out = new ArrayList<>();
        String start = InvitationDocument.ID_PREFIX;
        boolean skipFirst = false;
        while (true) {
            String query = "/" + CouchDbServerProvisioner.APP_USERS + "/_all_docs?include_docs=true&startkey="
                    + CouchDbPaths.queryValue(couch.jsonString(start)) + "&endkey="
                    + CouchDbPaths.queryValue(couch.jsonString(InvitationDocument.ID_PREFIX + "\ufff0"))
                    + "&limit=" + PAGE_SIZE + (skipFirst ? "&skip=1" : "");
            Reply reply = couch.send(HttpMethod.GET, query, admin, null);
            if (!reply.is(200)) {
                throw new CouchDbException(reply.describe());
            }
            List<InvitationPage.Row> rows = couch.read(reply, InvitationPage.class).rows();
            for (InvitationPage.Row row : rows) {
                if (row.doc() != null && row.id().startsWith(InvitationDocument.ID_PREFIX)) {
                    out.add(toInvitation(row.doc()));
                }
            }
            if (rows.size() < PAGE_SIZE) {
                return out;
            }
            start = rows.get(rows.size() - 1).id();
            skipFirst = true;
        }
    }

    @Override
    public Optional<Invitation> find(String codeHash) {
        return read(codeHash).map(this::toInvitation);
    }

    @Override
    public boolean take(String codeHash) {
        Optional<InvitationDocument> current = read(codeHash);
        if (current.isEmpty()) {
            return false;
        }
        Reply reply = couch.send(HttpMethod.DELETE, path(codeHash) + "?rev="
                + CouchDbPaths.queryValue(current.get().rev()), admin, null);
        if (reply.is(409) || reply.is(404)) {
            return false; // another signup (or a revoke) took it between the read and the delete
        }
        if (!reply.is(200) && !reply.is(202)) {
            throw new CouchDbException(reply.describe());
        }
        return true;
    }

    private Optional<InvitationDocument> read(String codeHash) {
        Reply reply = couch.send(HttpMethod.GET, path(codeHash), admin, null);
        if (reply.is(404)) {
            return Optional.empty();
        }
        if (!reply.is(200)) {
            throw new CouchDbException(reply.describe());
        }
        return Optional.of(couch.read(reply, InvitationDocument.class));
    }

    private Invitation toInvitation(InvitationDocument doc) {
        try {
            return new Invitation(doc.id().substring(InvitationDocument.ID_PREFIX.length()),
                    Instant.parse(doc.createdAt()), Instant.parse(doc.expiresAt()));
        } catch (RuntimeException e) { // IllegalArgument, DateTimeParse, NullPointer
            throw new CouchDbException("the invitation document " + doc.id() + " in "
                    + CouchDbServerProvisioner.APP_USERS + " cannot be read: " + e.getClass().getSimpleName(), e);
        }
    }

    private static void requireWritten(Reply reply) {
        if (!reply.is(201) && !reply.is(202)) {
            throw new CouchDbException(reply.describe());
        }
    }

    private static String path(String codeHash) {
        return CouchDbPaths.doc(CouchDbServerProvisioner.APP_USERS, InvitationDocument.ID_PREFIX + codeHash);
    }

    private static InvitationDocument document(Invitation invitation, String rev) {
        return new InvitationDocument(InvitationDocument.ID_PREFIX + invitation.codeHash(), rev,
                InvitationDocument.TYPE, invitation.createdAt().toString(), invitation.expiresAt().toString());
    }
}
