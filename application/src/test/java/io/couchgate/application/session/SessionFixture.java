package io.couchgate.application.session;

import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.testing.ContractSessions;
import io.couchgate.domain.port.testing.FakeClock;
import io.couchgate.domain.port.testing.InMemorySessionUserDirectory;
import io.couchgate.domain.port.testing.RecordingSessionStreams;
import java.time.Duration;
import java.util.UUID;

/** Sessions that exist both in a directory and in a store, as after a login. */
final class SessionFixture {

    static final InstanceId INSTANCE = new InstanceId(UUID.fromString("0b8f4f6e-7f7e-4b8e-9a55-3c1f3c6a2d10"));
    static final Username ALICE = Username.of("alice");
    static final Username BOB = Username.of("bob");

    final FakeClock clock = new FakeClock();
    final InMemorySessionUserDirectory directory = new InMemorySessionUserDirectory();
    final InMemorySessionStore store = new InMemorySessionStore();
    final RecordingSessionStreams streams = new RecordingSessionStreams();

    /** @return a session of {@code username} opened now on {@link #INSTANCE}, living {@code ttl} */
    Session open(Username username, Duration ttl) {
        Session session = ContractSessions.session(INSTANCE, username, clock.now(), clock.now().plus(ttl));
        directory.create(session);
        store.put(session);
        return session;
    }
}
