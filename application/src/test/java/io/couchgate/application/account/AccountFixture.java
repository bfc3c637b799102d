package io.couchgate.application.account;

import io.couchgate.application.password.Argon2idPasswordHasher;
import io.couchgate.application.session.InMemorySessionStore;
import io.couchgate.application.session.UserSessions;
import io.couchgate.application.testing.CheapHashing;
import io.couchgate.application.testing.CountingPasswordHasher;
import io.couchgate.application.testing.FailingWritesAppUserRepository;
import io.couchgate.domain.AppUser;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.testing.ContractSessions;
import io.couchgate.domain.port.testing.CountingRandomSource;
import io.couchgate.domain.port.testing.FakeClock;
import io.couchgate.domain.port.testing.InMemoryAppUserRepository;
import io.couchgate.domain.port.testing.InMemorySessionUserDirectory;
import io.couchgate.domain.port.testing.RecordingSessionStreams;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** An account {@code alice} (and {@code bob}) with sessions in a directory and a store, as after logins. */
final class AccountFixture {

    static final String PASSWORD = "violet-Kettle-47-orbit";
    static final InstanceId INSTANCE = new InstanceId(UUID.fromString("0b8f4f6e-7f7e-4b8e-9a55-3c1f3c6a2d10"));
    static final Username ALICE = Username.of("alice");
    static final Username BOB = Username.of("bob");

    final CountingRandomSource random = new CountingRandomSource();
    final FakeClock clock = new FakeClock();
    final InMemoryAppUserRepository stored = new InMemoryAppUserRepository();
    final FailingWritesAppUserRepository users = new FailingWritesAppUserRepository(stored);
    final InMemorySessionUserDirectory directory = new InMemorySessionUserDirectory();
    final InMemorySessionStore store = new InMemorySessionStore();
    final RecordingSessionStreams streams = new RecordingSessionStreams();
    final UserSessions sessions = new UserSessions(directory, store, streams);
    final Argon2idPasswordHasher argon2 = new Argon2idPasswordHasher(random, CheapHashing.PARAMETERS);
    final CountingPasswordHasher hasher = new CountingPasswordHasher(argon2);

    AccountFixture() {
        stored.create(new AppUser(ALICE, argon2.hash(PASSWORD.toCharArray()), clock.now()));
        stored.create(new AppUser(BOB, argon2.hash(PASSWORD.toCharArray()), clock.now()));
    }

    /** @return a session of {@code username} opened now, living a day */
    Session open(Username username) {
        Session session = ContractSessions.session(INSTANCE, username, clock.now(),
                clock.now().plus(Duration.ofDays(1)));
        directory.create(session);
        store.put(session);
        return session;
    }

    /** @return the ids of the user's sessions still kept */
    List<String> sessionIdsOf(Username username) {
        return store.findByUsername(username).stream().map(s -> s.id().value()).sorted().toList();
    }

    /** @return whether {@code password} verifies against the stored hash of {@code username} */
    boolean passwordIs(Username username, String password) {
        return argon2.verify(password.toCharArray(), stored.findByUsername(username).orElseThrow().passwordHash());
    }
}
