package io.couchgate.application.admin;

import io.couchgate.application.account.SignUpService;
import io.couchgate.application.password.PasswordNormalization;
import io.couchgate.application.port.in.EndUserSessionsUseCase;
import io.couchgate.application.port.in.ListUsersUseCase;
import io.couchgate.application.port.in.NoSuchUserException;
import io.couchgate.application.port.in.RemoveAccountUseCase;
import io.couchgate.application.port.in.ResetPasswordCommand;
import io.couchgate.application.port.in.ResetPasswordUseCase;
import io.couchgate.application.session.UserSessions;
import io.couchgate.domain.AccountChangedException;
import io.couchgate.domain.AppUser;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.PasswordHash;
import io.couchgate.domain.Username;
import io.couchgate.domain.WeakPasswordException;
import io.couchgate.domain.port.AppUserListing;
import io.couchgate.domain.port.AppUserRepository;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.PasswordHasher;
import io.couchgate.domain.port.PasswordPolicy;
import io.couchgate.domain.port.RandomSource;
import io.couchgate.domain.port.SessionUserDirectory;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The administrator's account operations, run outside any server (the admin CLI). Sessions are ended in two ways,
 * so that they end on every instance in either session mode: every record in the session store (durable mode: the
 * shared {@code couchgate_sessions}, whose {@code _changes} feed tells every running instance to drop the session
 * and end its streams; memory mode: the CLI's store is empty, the sessions live in the servers), then every CouchDB
 * session user of the user in {@code _users}, whichever instance made it: a running server finds such a session
 * dead at its next {@code /database} request (CouchDB refuses its credentials) and drops it.
 *
 * <p>Reset and removal keep the order of {@code ChangePasswordService} and {@code DeleteAccountService}: sessions
 * end before the hash changes or the account goes, and once more after, so a failure never leaves a new password
 * (or a deleted account) with an old session open.
 */
public final class AdminAccountsService implements ListUsersUseCase, EndUserSessionsUseCase, ResetPasswordUseCase,
        RemoveAccountUseCase {

    /** Random bytes of a one-time password: 18, i.e. 144 bits as 24 base64url characters. */
    public static final int RANDOM_PASSWORD_BYTES = 18;
    private static final System.Logger LOG = System.getLogger(AdminAccountsService.class.getName());

    private final AppUserRepository users;
    private final AppUserListing listing;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final UserSessions sessions;
    private final SessionUserDirectory directory;
    private final RandomSource random;
    private final Clock clock;

    /**
     * @param users where accounts are kept
     * @param listing lists them
     * @param policy decides whether a given new password is acceptable
     * @param hasher hashes the new password (Argon2id)
     * @param sessions ends the sessions of the session store
     * @param directory deletes the user's CouchDB session users of every instance
     * @param random source of one-time passwords
     * @param clock gives the deletion time
     */
    public AdminAccountsService(AppUserRepository users, AppUserListing listing, PasswordPolicy policy,
                                PasswordHasher hasher, UserSessions sessions, SessionUserDirectory directory,
                                RandomSource random, Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.listing = Objects.requireNonNull(listing, "listing");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public List<AppUser> listUsers() {
        return listing.findAll();
    }

    @Override
    public Optional<AppUser> findUser(Username username) {
        return users.findByUsername(username);
    }

    @Override
    public int endSessions(Username username) {
        require(username);
        return endEverySession(username);
    }

    @Override
    public char[] resetPassword(ResetPasswordCommand command) {
        AppUser user = require(command.username());
        char[] password = command.newPassword().orElseGet(() -> random.base64Url(RANDOM_PASSWORD_BYTES).toCharArray());
        PasswordHash hash = hash(user, password);
        endEverySession(user.username());
        users.update(user.withNewPassword(hash, command.oneTime()));
        endAgain(user.username(), "password of");
        return password;
    }

    @Override
    public void removeAccount(Username username) {
        AppUser user = require(username);
        endEverySession(username);
        try {
            users.delete(user, clock.now());
        } catch (AccountChangedException e) {
            throw new CouchDbException("the account " + username + " changed meanwhile; try again");
        }
        endAgain(username, "account");
    }

    private AppUser require(Username username) {
        return users.findByUsername(username).orElseThrow(() -> new NoSuchUserException(username));
    }

    private int endEverySession(Username username) {
        int ended = sessions.endAll(username);
        long leftOver = directory.deleteUsersWhere(name -> name.username().equals(username.value()));
        return ended + (int) leftOver;
    }

    private void endAgain(Username username, String what) {
        try {
            endEverySession(username);
        } catch (CouchDbException e) {
            LOG.log(System.Logger.Level.WARNING, what + " " + username + " changed, but a session opened meanwhile "
                    + "could not be ended: " + e.getMessage());
        }
    }

    private PasswordHash hash(AppUser user, char[] typed) {
        if (PasswordNormalization.hasUnpairedSurrogate(typed)) {
            throw new WeakPasswordException(SignUpService.UNPAIRED_SURROGATE,
                    List.of());
        }
        char[] password = PasswordNormalization.nfkc(typed);
        try {
            policy.requireAcceptable(password, user.username());
            return hasher.hash(password);
        } finally {
            PasswordNormalization.wipe(password);
        }
    }
}
