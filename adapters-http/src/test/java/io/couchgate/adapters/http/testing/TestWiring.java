package io.couchgate.adapters.http.testing;

import io.couchgate.adapters.http.token.JwtTokenService;
import io.couchgate.application.account.LogInService;
import io.couchgate.application.account.SignUpService;
import io.couchgate.application.password.Argon2idPasswordHasher;
import io.couchgate.application.password.NbvcxzPasswordPolicy;
import io.couchgate.application.password.PasswordPolicyConfig;
import io.couchgate.application.session.InMemorySessionStore;
import io.couchgate.application.session.LogOutService;
import io.couchgate.application.session.ResolveDatabaseCredentialsService;
import io.couchgate.domain.HashParameters;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.SessionPolicy;
import io.couchgate.domain.port.RandomSource;
import io.couchgate.domain.port.testing.FakeClock;
import io.couchgate.domain.port.testing.InMemorySessionUserDirectory;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Wires the HTTP adapter to the real application services over the in-memory fakes of the outgoing ports, as
 * bootstrap wires it over the CouchDB adapters. Argon2id runs with minimal cost to keep the tests fast.
 */
@Factory
@Requires(env = "test")
public class TestWiring {

    /** The HS256 key of the test server's tokens (32 bytes). */
    public static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** The test server's instance id. */
    public static final InstanceId INSTANCE = new InstanceId(UUID.fromString("6f1c7a52-3b7e-4c55-9a55-0c9e8d7b1a01"));
    /** The session lifetime. */
    public static final SessionPolicy SESSIONS = new SessionPolicy(SessionPolicy.DEFAULT_TTL);
    /** Whether signup is open: {@code test.signup.enabled}, default true. */
    public static final String SIGNUP_ENABLED = "test.signup.enabled";

    private final SecureRandom secureRandom = new SecureRandom();
    private final RandomSource random = count -> {
        byte[] bytes = new byte[count];
        secureRandom.nextBytes(bytes);
        return bytes;
    };

    @Singleton
    FakeClock clock() {
        return new FakeClock();
    }

    @Singleton
    JwtTokenService tokenService(FakeClock clock) {
        return new JwtTokenService(SECRET, INSTANCE, clock);
    }

    @Singleton
    SwitchableAppUserRepository users() {
        return new SwitchableAppUserRepository();
    }

    @Singleton
    InMemorySessionUserDirectory directory() {
        return new InMemorySessionUserDirectory();
    }

    @Singleton
    InMemorySessionStore store() {
        return new InMemorySessionStore();
    }

    @Singleton
    Argon2idPasswordHasher hasher() {
        return new Argon2idPasswordHasher(random, new HashParameters(64, 1, 1));
    }

    @Singleton
    NbvcxzPasswordPolicy passwordPolicy() {
        return new NbvcxzPasswordPolicy(PasswordPolicyConfig.DEFAULT);
    }

    @Singleton
    SignUpService signUp(SwitchableAppUserRepository users, NbvcxzPasswordPolicy policy,
                         Argon2idPasswordHasher hasher, FakeClock clock,
                         @Value("${" + SIGNUP_ENABLED + ":true}") boolean enabled) {
        return new SignUpService(users, policy, hasher, clock, enabled);
    }

    @Singleton
    CountingLogIn logIn(SwitchableAppUserRepository users, Argon2idPasswordHasher hasher,
                        InMemorySessionUserDirectory directory, InMemorySessionStore store, JwtTokenService tokens,
                        FakeClock clock) {
        return new CountingLogIn(new LogInService(users, hasher, directory, store, tokens, SESSIONS, INSTANCE, clock,
                random));
    }

    @Singleton
    LogOutService logOut(InMemorySessionUserDirectory directory, InMemorySessionStore store) {
        return new LogOutService(directory, store);
    }

    @Singleton
    ResolveDatabaseCredentialsService resolve(JwtTokenService tokens, InMemorySessionStore store, FakeClock clock) {
        return new ResolveDatabaseCredentialsService(tokens, store, INSTANCE, clock);
    }
}
