package io.couchgate.adapters.couchdb;

import io.couchgate.domain.AppUser;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.PasswordHash;
import io.couchgate.domain.Username;
import io.couchgate.domain.UsernameTakenException;
import io.couchgate.domain.port.AppUserRepository;
import io.micronaut.http.HttpMethod;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link AppUserRepository} in the CouchDB database {@code app_users}: one document {@code user:<username>} per
 * account with {@code username}, {@code password_hash} (PHC) and {@code created_at} (ISO-8601), read and written
 * by couchgate's admin.
 */
public final class CouchDbAppUserRepository implements AppUserRepository {

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
    public void create(AppUser user) {
        Reply reply = couch.send(HttpMethod.PUT, path(user.username()), admin, document(user, null));
        if (reply.is(409)) {
            throw new UsernameTakenException(user.username());
        }
        if (!reply.is(201) && !reply.is(202)) {
            throw new CouchDbException(reply.describe());
        }
    }

    @Override
    public Optional<AppUser> findByUsername(Username username) {
        Reply reply = couch.send(HttpMethod.GET, path(username), admin, null);
        if (reply.is(404)) {
            return Optional.empty();
        }
        if (!reply.is(200)) {
            throw new CouchDbException(reply.describe());
        }
        return Optional.of(toAppUser(reply));
    }

    @Override
    public void update(AppUser user) {
        Reply current = couch.send(HttpMethod.GET, path(user.username()), admin, null);
        if (!current.is(200)) {
            throw new CouchDbException(current.describe());
        }
        String rev = couch.read(current, DocRevision.class).rev();
        Reply reply = couch.send(HttpMethod.PUT, path(user.username()), admin, document(user, rev));
        if (!reply.is(201) && !reply.is(202)) {
            throw new CouchDbException(reply.describe());
        }
    }

    private static String path(Username username) {
        return CouchDbPaths.doc(CouchDbServerProvisioner.APP_USERS, AppUserDocument.idOf(username.value()));
    }

    private static AppUserDocument document(AppUser user, String rev) {
        return new AppUserDocument(AppUserDocument.idOf(user.username().value()), rev, user.username().value(),
                user.passwordHash().phc(), user.createdAt().toString());
    }

    private AppUser toAppUser(Reply reply) {
        AppUserDocument doc = couch.read(reply, AppUserDocument.class);
        try {
            return new AppUser(new Username(doc.username()), new PasswordHash(doc.passwordHash()),
                    Instant.parse(doc.createdAt()));
        } catch (RuntimeException e) { // InvalidUsername, IllegalArgument, DateTimeParse, NullPointer
            throw new CouchDbException(reply.describe() + " with a document couchgate cannot read: "
                    + e.getClass().getSimpleName(), e);
        }
    }
}
