package io.couchgate.application.account;

import io.couchgate.application.password.PasswordNormalization;
import io.couchgate.application.port.in.InvalidCredentialsException;
import io.couchgate.application.port.in.LogInCommand;
import io.couchgate.application.port.in.LogInResult;
import io.couchgate.application.port.in.LogInUseCase;
import io.couchgate.application.session.SessionCap;
import io.couchgate.domain.AppUser;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.PasswordHash;
import io.couchgate.domain.Session;
import io.couchgate.domain.SessionId;
import io.couchgate.domain.SessionPolicy;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.AppUserRepository;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.PasswordHasher;
import io.couchgate.domain.port.RandomSource;
import io.couchgate.domain.port.SessionStore;
import io.couchgate.domain.port.SessionUserDirectory;
import io.couchgate.domain.port.TokenService;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * Opens sessions (architecture flow 4). An impossible username, a password with an unpaired UTF-16 surrogate (which
 * signup refuses, so no account has one) or an unknown user is verified against a dummy hash made at construction,
 * so every failed login costs one Argon2id run, like a wrong password. Once the new session is kept, the user's
 * oldest sessions beyond {@link SessionCap}'s limit end.
 *
 * <p>A login with a one-time password (the account is marked "password change required") opens a session marked so
 * too. Its CouchDB session user is created as for any session (so that the admin CLI ends it on every instance in
 * either session mode, by deleting that user), but with no roles: it can read no app database, and couchgate never
 * forwards such a session's requests to CouchDB anyway.
 */
public final class LogInService implements LogInUseCase {

    /** Random bytes in a session user's CouchDB password: 256 bits. */
    public static final int SESSION_PASSWORD_BYTES = 32;

    private static final System.Logger LOG = System.getLogger(LogInService.class.getName());

    private final AppUserRepository users;
    private final PasswordHasher hasher;
    private final SessionUserDirectory directory;
    private final SessionStore store;
    private final TokenService tokens;
    private final SessionPolicy policy;
    private final InstanceId instanceId;
    private final Clock clock;
    private final RandomSource random;
    private final SessionCap cap;
    private final PasswordHash dummyHash;

    /**
     * Hashes a random dummy password once (one Argon2id run).
     *
     * @param users where accounts are kept
     * @param hasher verifies, and re-makes outdated, password hashes
     * @param directory where session users are created in CouchDB
     * @param store where live sessions are kept
     * @param tokens issues the session token
     * @param policy the session lifetime
     * @param instanceId this run of couchgate
     * @param clock the current time
     * @param random source of session ids and session passwords
     * @param cap ends the user's oldest sessions beyond the per-user limit
     */
    public LogInService(AppUserRepository users, PasswordHasher hasher, SessionUserDirectory directory,
                        SessionStore store, TokenService tokens, SessionPolicy policy, InstanceId instanceId,
                        Clock clock, RandomSource random, SessionCap cap) {
        this.users = Objects.requireNonNull(users, "users");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.store = Objects.requireNonNull(store, "store");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.cap = Objects.requireNonNull(cap, "cap");
        char[] dummy = random.base64Url(SESSION_PASSWORD_BYTES).toCharArray();
        this.dummyHash = hasher.hash(dummy);
        PasswordNormalization.wipe(dummy);
    }

    @Override
    public LogInResult logIn(LogInCommand command) {
        AppUser user = authenticate(command);
        Session session = newSession(user.username(), user.passwordChangeRequired());
        store.put(session);
        createUser(session);
        cap.enforce(user.username());
        return new LogInResult(tokens.issue(session), user.username(), session.id(), session.passwordChangeRequired());
    }

    /**
     * The session is stored before its CouchDB user exists, so that a session user always has its record (the
     * durable mode's sweep deletes users without one at once, and records without a user only after a grace period).
     */
    private void createUser(Session session) {
        try {
            directory.create(session);
        } catch (RuntimeException e) {
            try {
                store.remove(session.id());
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private AppUser authenticate(LogInCommand command) {
        Optional<AppUser> found = PasswordNormalization.hasUnpairedSurrogate(command.password()) ? Optional.empty()
                : Username.forLogIn(command.username()).flatMap(users::findByUsername);
        char[] password = PasswordNormalization.nfkc(command.password());
        try {
            boolean verified = hasher.verify(password, found.map(AppUser::passwordHash).orElse(dummyHash));
            if (found.isEmpty() || !verified) {
                throw new InvalidCredentialsException();
            }
            if (hasher.needsRehash(found.get().passwordHash())) {
                return rehash(found.get(), password);
            }
            return found.get();
        } finally {
            PasswordNormalization.wipe(password);
        }
    }

    private AppUser rehash(AppUser user, char[] password) {
        AppUser updated = user.withPasswordHash(hasher.hash(password));
        try {
            users.update(updated);
            return updated;
        } catch (CouchDbException e) {
            // The old hash still verifies; the next login tries again.
            LOG.log(System.Logger.Level.WARNING, "could not store a re-made password hash of " + user.username()
                    + ": " + e.getMessage());
            return user;
        }
    }

    private Session newSession(Username username, boolean changeRequired) {
        Instant now = clock.now().truncatedTo(ChronoUnit.MILLIS); // stores keep milliseconds
        SessionId id = SessionId.random(random);
        CouchCredentials credentials = new CouchCredentials(Session.sessionUserName(instanceId, username, id),
                random.base64Url(SESSION_PASSWORD_BYTES));
        return new Session(id, username, instanceId, now, policy.expiresAt(now), credentials, changeRequired);
    }

}
