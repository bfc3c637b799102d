package io.couchgate.bootstrap.wiring;

import io.couchgate.adapters.http.token.JwtTokenService;
import io.couchgate.application.account.ChangePasswordService;
import io.couchgate.application.account.DeleteAccountService;
import io.couchgate.application.account.LogInService;
import io.couchgate.application.account.SignUpService;
import io.couchgate.application.password.Argon2idPasswordHasher;
import io.couchgate.application.password.BoundedPasswordHasher;
import io.couchgate.application.password.NbvcxzPasswordPolicy;
import io.couchgate.application.password.PasswordPolicyConfig;
import io.couchgate.application.port.in.ChangePasswordUseCase;
import io.couchgate.application.port.in.DeleteAccountUseCase;
import io.couchgate.application.port.in.DropVanishedSessionUseCase;
import io.couchgate.application.port.in.LogInUseCase;
import io.couchgate.application.port.in.LogOutUseCase;
import io.couchgate.application.port.in.ReapExpiredSessionsUseCase;
import io.couchgate.application.port.in.ResolveDatabaseCredentialsUseCase;
import io.couchgate.application.port.in.SignUpMode;
import io.couchgate.application.port.in.SignUpUseCase;
import io.couchgate.application.port.out.Metrics;
import io.couchgate.application.session.DropVanishedSessionService;
import io.couchgate.application.session.LogOutService;
import io.couchgate.application.session.ReapExpiredSessionsService;
import io.couchgate.application.session.ResolveDatabaseCredentialsService;
import io.couchgate.application.session.SessionCap;
import io.couchgate.application.session.UserSessions;
import io.couchgate.bootstrap.config.AccountSettings;
import io.couchgate.bootstrap.config.CouchgateSettings;
import io.couchgate.bootstrap.config.LimitSettings;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Secrets;
import io.couchgate.domain.SessionPolicy;
import io.couchgate.domain.port.AppUserRepository;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.InvitationStore;
import io.couchgate.domain.port.PasswordHasher;
import io.couchgate.domain.port.PasswordPolicy;
import io.couchgate.domain.port.RandomSource;
import io.couchgate.domain.port.SessionStore;
import io.couchgate.domain.port.SessionStreams;
import io.couchgate.domain.port.SessionUserDirectory;
import io.couchgate.domain.port.TokenService;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the use-case services with {@code new} (they carry no DI annotations) over the adapters. */
@Factory
class ApplicationFactory {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationFactory.class);

    @Singleton
    TokenService tokenService(Secrets secrets, InstanceId instanceId, Clock clock) {
        return new JwtTokenService(secrets.jwtSecret(), instanceId, clock);
    }

    /** Every hash and verify (signup, login and its dummy hash, password change) takes a bounded turn. */
    @Singleton
    PasswordHasher passwordHasher(RandomSource random, CouchgateSettings settings, LimitSettings limits,
                                  Metrics metrics) {
        LOG.info("Argon2id: at most {} runs at once (m = {} KiB each), waiting at most {} for a turn",
                limits.maxConcurrentHashes(), settings.argon2().memoryKiB(), limits.hashQueueTimeout());
        return new BoundedPasswordHasher(new Argon2idPasswordHasher(random, settings.argon2()),
                limits.maxConcurrentHashes(), limits.hashQueueTimeout(), metrics);
    }

    @Singleton
    SessionCap sessionCap(SessionUserDirectory directory, SessionStore store, SessionStreams streams, Clock clock,
                          LimitSettings limits) {
        return new SessionCap(directory, store, streams, clock, limits.maxSessionsPerUser());
    }

    @Singleton
    PasswordPolicy passwordPolicy(CouchgateSettings settings) {
        return new NbvcxzPasswordPolicy(new PasswordPolicyConfig(settings.passwordMinLength(),
                settings.passwordMinEntropyBits()));
    }

    @Singleton
    SignUpUseCase signUp(AppUserRepository users, PasswordPolicy policy, PasswordHasher hasher, Clock clock,
                         AccountSettings accounts, InvitationStore invitations) {
        return new SignUpService(users, policy, hasher, clock, accounts.signUpMode(), invitations,
                accounts.nameQuarantine());
    }

    /** {@code couchgate.signup.mode}, for the signup controller (which reads an invitation in invite mode only). */
    @Singleton
    SignUpMode signUpMode(AccountSettings accounts) {
        return accounts.signUpMode();
    }

    @Singleton
    UserSessions userSessions(SessionUserDirectory directory, SessionStore store, SessionStreams streams) {
        return new UserSessions(directory, store, streams);
    }

    /** Eager: its dummy hash is made at start, never by a request that would then wait for an Argon2id turn. */
    @Context
    ChangePasswordUseCase changePassword(AppUserRepository users, PasswordPolicy policy, PasswordHasher hasher,
                                         UserSessions sessions, RandomSource random) {
        return new ChangePasswordService(users, policy, hasher, sessions, random);
    }

    /** Eager, as {@link #changePassword}. */
    @Context
    DeleteAccountUseCase deleteAccount(AppUserRepository users, PasswordHasher hasher, UserSessions sessions,
                                       Clock clock, RandomSource random) {
        return new DeleteAccountService(users, hasher, sessions, clock, random);
    }

    @Singleton
    LogInUseCase logIn(AppUserRepository users, PasswordHasher hasher, SessionUserDirectory directory,
                       SessionStore store, TokenService tokens, InstanceId instanceId, Clock clock,
                       RandomSource random, CouchgateSettings settings, SessionCap cap) {
        return new LogInService(users, hasher, directory, store, tokens, new SessionPolicy(settings.sessionTtl()),
                instanceId, clock, random, cap);
    }

    @Singleton
    LogOutUseCase logOut(SessionUserDirectory directory, SessionStore store, SessionStreams streams) {
        return new LogOutService(directory, store, streams);
    }

    @Singleton
    ResolveDatabaseCredentialsUseCase resolveDatabaseCredentials(TokenService tokens, SessionStore store,
                                                                 InstanceId instanceId, Clock clock) {
        return new ResolveDatabaseCredentialsService(tokens, store, instanceId, clock);
    }

    @Singleton
    DropVanishedSessionUseCase dropVanishedSession(SessionUserDirectory directory, SessionStore store,
                                                   SessionStreams streams) {
        return new DropVanishedSessionService(directory, store, streams);
    }

    @Singleton
    ReapExpiredSessionsUseCase reapExpiredSessions(SessionUserDirectory directory, SessionStore store,
                                                   SessionStreams streams, Clock clock) {
        return new ReapExpiredSessionsService(directory, store, streams, clock);
    }
}
