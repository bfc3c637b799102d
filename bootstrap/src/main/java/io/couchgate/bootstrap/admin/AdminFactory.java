package io.couchgate.bootstrap.admin;

import io.couchgate.application.admin.AdminAccountsService;
import io.couchgate.application.admin.InvitationsService;
import io.couchgate.application.session.UserSessions;
import io.couchgate.domain.Secrets;
import io.couchgate.domain.port.AppUserListing;
import io.couchgate.domain.port.AppUserRepository;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.InvitationStore;
import io.couchgate.domain.port.PasswordHasher;
import io.couchgate.domain.port.PasswordPolicy;
import io.couchgate.domain.port.RandomSource;
import io.couchgate.domain.port.SecretsStore;
import io.couchgate.domain.port.SessionUserDirectory;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * The admin CLI's beans: the secrets as stored (never provisioned: the CLI creates no admin and writes no file), and
 * the administrative use cases over the same adapters as the server's.
 */
@Factory
@Requires(env = AdminEnvironment.NAME)
class AdminFactory {

    /** The secrets a server wrote (file, or {@code couchgate.secrets.*}); none yet is a failure, with advice. */
    @Singleton
    Secrets storedSecrets(SecretsStore store) {
        return store.load().orElseThrow(() -> new AdminFailure(FailureKind.NO_SECRETS, "no secrets at "
                + store.location() + ": start couchgate once with this configuration first (couchgate.data-dir / "
                + "COUCHGATE_DATA_DIR)"));
    }

    @Singleton
    AdminAccountsService adminAccounts(AppUserRepository users, AppUserListing listing, PasswordPolicy policy,
                                       PasswordHasher hasher, UserSessions sessions, SessionUserDirectory directory,
                                       RandomSource random, Clock clock) {
        return new AdminAccountsService(users, listing, policy, hasher, sessions, directory, random, clock);
    }

    @Singleton
    InvitationsService invitations(InvitationStore store, RandomSource random, Clock clock) {
        return new InvitationsService(store, random, clock);
    }
}
