package io.couchgate.adapters.couchdb;

import io.couchgate.domain.AccountChangedException;
import io.couchgate.domain.AppUser;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.PasswordHash;
import io.couchgate.domain.Username;
import io.couchgate.domain.UsernameTakenException;
import io.couchgate.domain.port.AppUserListing;
import io.couchgate.domain.port.AppUserRepository;
import io.micronaut.http.HttpMethod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link AppUserRepository} in the CouchDB database {@code app_users}: one document {@code user:<username>} per
 * name, read and written by couchgate's admin. An account has {@code username}, {@code password_hash} (PHC) and
 * {@code created_at} (ISO-8601); a deleted account's document is replaced (a new revision, not a CouchDB deletion,
 * so that a plain create still meets a 409) by a deletion mark with {@code username} and {@code deleted_at} only.
 * Every replacement names the revision it read, so a concurrent change makes it fail instead of being lost.
 */
public final class CouchDbAppUserRepository implements AppUserRepository, AppUserListing {

    private static final int PAGE_SIZE = 500;

    private final CouchDbConnection couch;
    private final CouchCredentials admin;

    /**
     * @param couch the connection to CouchDB
     * @param admin couchgate's server admin (the only member of {@code app_users})
     */
    public CouchDbAppUserRepository(CouchDbConnection couch, CouchCredentials admin) {
        this.couch = Objects.requireNonNull(couch, "couch");
        this.admin = Objects.requireNonNull(admin, "admin");
    }

    @Override
    public void create(AppUser user, Instant deletedBefore) {
        Reply reply = couch.send(HttpMethod.PUT, path(user.username()), admin, document(user, null));
        if (reply.is(409)) {
            replaceExpiredMark(user, deletedBefore);
            return;
        }
        requireWritten(reply);
    }

    /** The name's document exists: it may be a deletion mark old enough to give the name up. */
    private void replaceExpiredMark(AppUser user, Instant deletedBefore) {
        Optional<AppUserDocument> current = read(user.username());
        boolean expired = current.isPresent() && current.get().isDeletionMark()
                && deletedAt(current.get()).isBefore(deletedBefore);
        if (!expired) {
            throw new UsernameTakenException(user.username());
        }
        Reply reply = couch.send(HttpMethod.PUT, path(user.username()), admin, document(user, current.get().rev()));
        if (reply.is(409)) {
            throw new UsernameTakenException(user.username()); // another signup replaced the mark first
        }
        requireWritten(reply);
    }

    @Override
    public Optional<AppUser> findByUsername(Username username) {
        return read(username).filter(doc -> !doc.isDeletionMark()).map(this::toAppUser);
    }

    /** Reads {@code _all_docs} over the {@code user:} prefix in pages of {@value #PAGE_SIZE}. */
    @Override
    public List<AppUser> findAll() {
        List<AppUser> out = new ArrayList<>();
        String start = AppUserDocument.idOf("");
        boolean skipFirst = false;
        while (true) {
            String query = "/" + CouchDbServerProvisioner.APP_USERS + "/_all_docs?include_docs=true&startkey="
                    + CouchDbPaths.queryValue(couch.jsonString(start)) + "&endkey="
                    + CouchDbPaths.queryValue(couch.jsonString(AppUserDocument.idOf("\ufff0")))
                    + "&limit=" + PAGE_SIZE + (skipFirst ? "&skip=1" : "");
            Reply reply = couch.send(HttpMethod.GET, query, admin, null);
            if (!reply.is(200)) {
                throw new CouchDbException(reply.describe());
            }
            List<AppUserPage.Row> rows = couch.read(reply, AppUserPage.class).rows();
            for (AppUserPage.Row row : rows) {
                if (row.doc() != null && !row.doc().isDeletionMark()) {
                    out.add(toAppUser(row.doc()));
                }
            }
            if (rows.size() < PAGE_SIZE) {
                out.sort(Comparator.comparing(user -> user.username().value()));
                return out;
            }
            start = rows.get(rows.size() - 1).id();
            skipFirst = true;
        }
    }

    @Override
    public void update(AppUser user) {
        AppUserDocument current = read(user.username()).filter(doc -> !doc.isDeletionMark())
                .orElseThrow(() -> new CouchDbException("no account to update: " + path(user.username())));
        requireWritten(couch.send(HttpMethod.PUT, path(user.username()), admin, document(user, current.rev())));
    }

    @Override
    public void delete(AppUser user, Instant deletedAt) {
        AppUserDocument current = read(user.username())
                .filter(doc -> !doc.isDeletionMark() && user.passwordHash().phc().equals(doc.passwordHash()))
                .orElseThrow(() -> new AccountChangedException(user.username()));
        AppUserDocument mark = new AppUserDocument(current.id(), current.rev(), user.username().value(), null, null,
                deletedAt.toString(), null);
        Reply reply = couch.send(HttpMethod.PUT, path(user.username()), admin, mark);
        if (reply.is(409)) {
            throw new AccountChangedException(user.username()); // changed between the read and the write
        }
        requireWritten(reply);
    }

    private Optional<AppUserDocument> read(Username username) {
        Reply reply = couch.send(HttpMethod.GET, path(username), admin, null);
        if (reply.is(404)) {
            return Optional.empty();
        }
        if (!reply.is(200)) {
            throw new CouchDbException(reply.describe());
        }
        return Optional.of(couch.read(reply, AppUserDocument.class));
    }

    private static void requireWritten(Reply reply) {
        if (!reply.is(201) && !reply.is(202)) {
            throw new CouchDbException(reply.describe());
        }
    }

    private static String path(Username username) {
        return CouchDbPaths.doc(CouchDbServerProvisioner.APP_USERS, AppUserDocument.idOf(username.value()));
    }

    private static AppUserDocument document(AppUser user, String rev) {
        return new AppUserDocument(AppUserDocument.idOf(user.username().value()), rev, user.username().value(),
                user.passwordHash().phc(), user.createdAt().toString(), null,
                user.passwordChangeRequired() ? Boolean.TRUE : null);
    }

    private static Instant deletedAt(AppUserDocument mark) {
        try {
            return Instant.parse(mark.deletedAt());
        } catch (RuntimeException e) { // DateTimeParse: a mark couchgate cannot read keeps holding the name
            return Instant.MAX;
        }
    }

    private AppUser toAppUser(AppUserDocument doc) {
        try {
            return new AppUser(new Username(doc.username()), new PasswordHash(doc.passwordHash()),
                    Instant.parse(doc.createdAt()), doc.requiresPasswordChange());
        } catch (RuntimeException e) { // InvalidUsername, IllegalArgument, DateTimeParse, NullPointer
            throw new CouchDbException("GET /" + CouchDbServerProvisioner.APP_USERS + "/" + doc.id()
                    + " answered 200 with a document couchgate cannot read: " + e.getClass().getSimpleName(), e);
        }
    }
}
