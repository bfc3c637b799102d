package io.couchgate.domain.port.testing;

import static io.couchgate.domain.port.testing.ContractSessions.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.SessionId;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.SessionStore;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SessionStore} must do. {@link #newStore()} returns an empty store. */
public abstract class SessionStoreContract {

    private static final InstanceId INSTANCE = InstanceId.random();
    private static final Username ALICE = Username.of("alice");
    private static final Username BOB = Username.of("bob");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private SessionStore store;

    /** @return an empty store under test */
    protected abstract SessionStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void keptSession_isFoundById() {
        Session session = session(INSTANCE, ALICE);
        store.put(session);
        assertThat(store.find(session.id())).contains(session);
    }

    @Test
    void keptSessionThatRequiresAPasswordChange_isFoundWithItsMark() {
        Session plain = session(INSTANCE, ALICE);
        Session restricted = new Session(plain.id(), plain.username(), plain.instanceId(), plain.issuedAt(),
                plain.expiresAt(), plain.credentials(), true);
        store.put(restricted);
        assertThat(store.find(restricted.id())).contains(restricted);
        assertThat(store.findByUsername(ALICE)).containsExactly(restricted);
    }

    @Test
    void unknownId_isNotFound() {
        store.put(session(INSTANCE, ALICE));
        assertThat(store.find(session(INSTANCE, ALICE).id())).isEmpty();
    }

    @Test
    void remove_returnsTheSession_andForgetsIt() {
        Session session = session(INSTANCE, ALICE);
        store.put(session);
        assertThat(store.remove(session.id())).contains(session);
        assertThat(store.find(session.id())).isEmpty();
        assertThat(store.remove(session.id())).isEmpty();
    }

    @Test
    void removingAnUnknownId_returnsEmpty() {
        assertThat(store.remove(SessionId.random(n -> new byte[n]))).isEmpty();
    }

    @Test
    void findByUsername_returnsEveryKeptSessionOfThatUserOnly() {
        Session first = session(INSTANCE, ALICE);
        Session second = session(INSTANCE, ALICE);
        Session other = session(INSTANCE, BOB);
        store.put(first);
        store.put(second);
        store.put(other);
        assertThat(store.findByUsername(ALICE)).containsExactlyInAnyOrder(first, second);
        assertThat(store.findByUsername(BOB)).containsExactly(other);
        assertThat(store.findByUsername(Username.of("carol"))).isEmpty();
    }

    @Test
    void findByUsername_omitsRemovedSessions() {
        Session first = session(INSTANCE, ALICE);
        Session second = session(INSTANCE, ALICE);
        store.put(first);
        store.put(second);
        store.remove(first.id());
        assertThat(store.findByUsername(ALICE)).containsExactly(second);
    }

    @Test
    void findByDigest_findsTheKeptSession_andNothingOnceRemoved() {
        Session session = session(INSTANCE, ALICE);
        Session other = session(INSTANCE, BOB);
        store.put(session);
        store.put(other);
        assertThat(store.findByDigest(session.id().digest())).contains(session);
        assertThat(store.findByDigest(session.id().value())).isEmpty();
        store.remove(session.id());
        assertThat(store.findByDigest(session.id().digest())).isEmpty();
        assertThat(store.findByDigest(other.id().digest())).contains(other);
    }

    @Test
    void issuedAtByDigest_listsEveryKeptSessionOnce_expiredOnesIncluded() {
        Session live = session(INSTANCE, ALICE, T0, T0.plusSeconds(3600));
        Session expired = session(INSTANCE, BOB, T0.minusSeconds(7200), T0.minusSeconds(3600));
        Session removed = session(INSTANCE, ALICE);
        store.put(live);
        store.put(expired);
        store.put(removed);
        store.remove(removed.id());
        assertThat(store.issuedAtByDigest()).containsExactlyInAnyOrderEntriesOf(Map.of(
                live.id().digest(), live.issuedAt(), expired.id().digest(), expired.issuedAt()));
    }

    @Test
    void findExpiredAt_includesASessionFromItsExpiryInstant_notOneMillisecondBefore() {
        Session session = session(INSTANCE, ALICE, T0, T0.plusSeconds(60));
        store.put(session);
        assertThat(store.findExpiredAt(T0.plusSeconds(60).minusMillis(1))).isEmpty();
        assertThat(store.findExpiredAt(T0.plusSeconds(60))).containsExactly(session);
        assertThat(store.findExpiredAt(T0.plusSeconds(3600))).containsExactly(session);
    }

    @Test
    void findExpiredAt_returnsOnlyTheExpiredSessions() {
        Session expired = session(INSTANCE, ALICE, T0, T0.plusSeconds(10));
        Session live = session(INSTANCE, BOB, T0, T0.plusSeconds(100));
        store.put(expired);
        store.put(live);
        assertThat(store.findExpiredAt(T0.plusSeconds(50))).containsExactly(expired);
        assertThat(store.find(live.id())).contains(live);
    }

    @Test
    void findExpiredAt_doesNotRemoveAnything() {
        Session expired = session(INSTANCE, ALICE, T0, T0.plusSeconds(10));
        store.put(expired);
        store.findExpiredAt(T0.plusSeconds(50));
        assertThat(store.find(expired.id())).contains(expired);
    }
}
