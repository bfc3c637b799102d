package io.couchgate.adapters.http.testing;

import io.couchgate.adapters.http.token.JwtTokenService;
import io.couchgate.application.account.ChangePasswordService;
import io.couchgate.application.account.DeleteAccountService;
import io.couchgate.application.account.LogInService;
import io.couchgate.application.account.SignUpService;
import io.couchgate.application.port.in.SignUpMode;
import io.couchgate.application.password.Argon2idPasswordHasher;
import io.couchgate.application.password.BoundedPasswordHasher;
import io.couchgate.application.password.NbvcxzPasswordPolicy;
import io.couchgate.application.password.PasswordPolicyConfig;
import io.couchgate.application.session.DropVanishedSessionService;
import io.couchgate.application.session.InMemorySessionStore;
import io.couchgate.application.session.LogOutService;
import io.couchgate.application.session.ResolveDatabaseCredentialsService;
import io.couchgate.application.session.SessionCap;
import io.couchgate.application.session.UserSessions;
import io.couchgate.domain.HashParameters;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.SessionPolicy;
import io.couchgate.domain.port.RandomSource;
import io.couchgate.domain.port.testing.FakeClock;
import io.couchgate.domain.port.testing.GatedPasswordHasher;
import io.couchgate.domain.port.testing.InMemoryInvitationStore;
import io.couchgate.domain.port.testing.InMemorySessionUserDirectory;
import io.couchgate.domain.port.testing.RecordingSessionStreams;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.UUID;

/**
 * Wires the HTTP adapter to the real application services over the in-memory fakes of the outgoing ports, as
 * bootstrap wires it over the CouchDB adapters. Argon2id runs with minimal cost to keep the tests fast, behind a
 * {@link GatedPasswordHasher} (so tests can hold runs) and the real {@link BoundedPasswordHasher}.
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
    /** The signup mode: {@code test.signup.mode} ({@code open}, {@code closed}, {@code invite}); overrides enabled. */
    public static final String SIGNUP_MODE = "test.signup.mode";

    /** Whether signup is open: {@code test.signup.enabled}, default true. */
    public static final String SIGNUP_ENABLED = "test.signup.enabled";
    /** Argon2id runs at once: {@code test.hashes.max}, default 64. */
    public static final String MAX_HASHES = "test.hashes.max";
    /** The wait for an Argon2id turn: {@code test.hashes.queue-timeout}, default 30s. */
    public static final String HASH_QUEUE_TIMEOUT = "test.hashes.queue-timeout";

    /** How long a deleted account's name stays taken: 30 days, as by default. */
    public static final Duration NAME_QUARANTINE = SignUpService.DEFAULT_NAME_QUARANTINE;

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
    GatedPasswordHasher gatedHasher() {
        return new GatedPasswordHasher(new Argon2idPasswordHasher(random, new HashParameters(64, 1, 1)));
    }

    @Singleton
    BoundedPasswordHasher hasher(GatedPasswordHasher gated, @Value("${" + MAX_HASHES + ":64}") int max,
                                 @Value("${" + HASH_QUEUE_TIMEOUT + ":30s}") Duration queueTimeout) {
        return new BoundedPasswordHasher(gated, max, queueTimeout);
    }

    @Singleton
    RecordingSessionStreams streams() {
        return new RecordingSessionStreams();
    }

    @Singleton
    NbvcxzPasswordPolicy passwordPolicy() {
        return new NbvcxzPasswordPolicy(PasswordPolicyConfig.DEFAULT);
    }

    @Singleton
    SignUpMode signUpMode(@Value("${" + SIGNUP_ENABLED + ":true}") boolean enabled,
                          @Value("${" + SIGNUP_MODE + ":}") String mode) {
        return mode.isBlank() ? (enabled ? SignUpMode.OPEN : SignUpMode.CLOSED) : SignUpMode.parse(mode);
    }

    @Singleton
    SignUpService signUp(SwitchableAppUserRepository users, NbvcxzPasswordPolicy policy,
                         BoundedPasswordHasher hasher, FakeClock clock, SignUpMode mode,
                         InMemoryInvitationStore invitations) {
        return new SignUpService(users, policy, hasher, clock, mode, invitations, NAME_QUARANTINE);
    }

    @Singleton
    InMemoryInvitationStore invitations() {
        return new InMemoryInvitationStore();
    }

    @Singleton
    CountingLogIn logIn(SwitchableAppUserRepository users, BoundedPasswordHasher hasher,
                        InMemorySessionUserDirectory directory, InMemorySessionStore store, JwtTokenService tokens,
                        FakeClock clock, RecordingSessionStreams streams) {
        SessionCap cap = new SessionCap(directory, store, streams, clock, SessionCap.DEFAULT_MAX_PER_USER);
        return new CountingLogIn(new LogInService(users, hasher, directory, store, tokens, SESSIONS, INSTANCE, clock,
                random, cap));
    }

    @Singleton
    LogOutService logOut(InMemorySessionUserDirectory directory, InMemorySessionStore store,
                         RecordingSessionStreams streams) {
        return new LogOutService(directory, store, streams);
    }

    @Singleton
    UserSessions userSessions(InMemorySessionUserDirectory directory, InMemorySessionStore store,
                              RecordingSessionStreams streams) {
        return new UserSessions(directory, store, streams);
    }

    @Singleton
    ChangePasswordService changePassword(SwitchableAppUserRepository users, NbvcxzPasswordPolicy policy,
                                         BoundedPasswordHasher hasher, UserSessions sessions) {
        return new ChangePasswordService(users, policy, hasher, sessions, random);
    }

    @Singleton
    DeleteAccountService deleteAccount(SwitchableAppUserRepository users, BoundedPasswordHasher hasher,
                                       UserSessions sessions, FakeClock clock) {
        return new DeleteAccountService(users, hasher, sessions, clock, random);
    }

    @Singleton
    ResolveDatabaseCredentialsService resolve(JwtTokenService tokens, InMemorySessionStore store, FakeClock clock) {
        return new ResolveDatabaseCredentialsService(tokens, store, INSTANCE, clock);
    }

    @Singleton
    DropVanishedSessionService dropVanished(InMemorySessionUserDirectory directory, InMemorySessionStore store,
                                            RecordingSessionStreams streams) {
        return new DropVanishedSessionService(directory, store, streams);
    }
}
