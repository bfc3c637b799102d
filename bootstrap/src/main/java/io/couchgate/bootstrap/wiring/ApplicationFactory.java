package io.couchgate.bootstrap.wiring;

import io.couchgate.adapters.http.token.JwtTokenService;
import io.couchgate.application.account.LogInService;
import io.couchgate.application.account.SignUpService;
import io.couchgate.application.password.Argon2idPasswordHasher;
import io.couchgate.application.password.NbvcxzPasswordPolicy;
import io.couchgate.application.password.PasswordPolicyConfig;
import io.couchgate.application.port.in.LogInUseCase;
import io.couchgate.application.port.in.LogOutUseCase;
import io.couchgate.application.port.in.ReapExpiredSessionsUseCase;
import io.couchgate.application.port.in.ResolveDatabaseCredentialsUseCase;
import io.couchgate.application.port.in.SignUpUseCase;
import io.couchgate.application.session.InMemorySessionStore;
import io.couchgate.application.session.LogOutService;
import io.couchgate.application.session.ReapExpiredSessionsService;
import io.couchgate.application.session.ResolveDatabaseCredentialsService;
import io.couchgate.bootstrap.config.CouchgateSettings;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Secrets;
import io.couchgate.domain.SessionPolicy;
import io.couchgate.domain.port.AppUserRepository;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.PasswordHasher;
import io.couchgate.domain.port.PasswordPolicy;
import io.couchgate.domain.port.RandomSource;
import io.couchgate.domain.port.SessionStore;
import io.couchgate.domain.port.SessionUserDirectory;
import io.couchgate.domain.port.TokenService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Builds the use-case services with {@code new} (they carry no DI annotations) over the adapters. */
@Factory
class ApplicationFactory {

    @Singleton
    TokenService tokenService(Secrets secrets, InstanceId instanceId, Clock clock) {
        return new JwtTokenService(secrets.jwtSecret(), instanceId, clock);
    }

    @Singleton
    SessionStore sessionStore() {
        return new InMemorySessionStore();
    }

    @Singleton
    PasswordHasher passwordHasher(RandomSource random, CouchgateSettings settings) {
        return new Argon2idPasswordHasher(random, settings.argon2());
    }

    @Singleton
    PasswordPolicy passwordPolicy(CouchgateSettings settings) {
        return new NbvcxzPasswordPolicy(new PasswordPolicyConfig(settings.passwordMinLength(),
                settings.passwordMinEntropyBits()));
    }

    @Singleton
    SignUpUseCase signUp(AppUserRepository users, PasswordPolicy policy, PasswordHasher hasher, Clock clock,
                         CouchgateSettings settings) {
        return new SignUpService(users, policy, hasher, clock, settings.signupEnabled());
    }

    @Singleton
    LogInUseCase logIn(AppUserRepository users, PasswordHasher hasher, SessionUserDirectory directory,
                       SessionStore store, TokenService tokens, InstanceId instanceId, Clock clock,
                       RandomSource random, CouchgateSettings settings) {
        return new LogInService(users, hasher, directory, store, tokens, new SessionPolicy(settings.sessionTtl()),
                instanceId, clock, random);
    }

    @Singleton
    LogOutUseCase logOut(SessionUserDirectory directory, SessionStore store) {
        return new LogOutService(directory, store);
    }

    @Singleton
    ResolveDatabaseCredentialsUseCase resolveDatabaseCredentials(TokenService tokens, SessionStore store,
                                                                 InstanceId instanceId, Clock clock) {
        return new ResolveDatabaseCredentialsService(tokens, store, instanceId, clock);
    }

    @Singleton
    ReapExpiredSessionsUseCase reapExpiredSessions(SessionUserDirectory directory, SessionStore store, Clock clock) {
        return new ReapExpiredSessionsService(directory, store, clock);
    }
}
