package io.couchgate.application.session;

import static io.couchgate.application.session.SessionFixture.ALICE;
import static io.couchgate.application.session.SessionFixture.BOB;
import static io.couchgate.application.session.SessionFixture.INSTANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.Session;
import io.couchgate.domain.SessionId;
import io.couchgate.domain.port.testing.ContractSessions;
import io.couchgate.domain.port.testing.FakeClock;
import io.couchgate.domain.port.testing.RecordingSessionStreams;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingSessionStoreTest {

    private static final Duration RECHECK = Duration.ofSeconds(5);

    private final FakeClock clock = new FakeClock();
    private final InMemorySessionStore shared = new InMemorySessionStore();
    private final AtomicInteger reads = new AtomicInteger();
    private Runnable duringRead = () -> { };
    private boolean failing;
    private final RecordingSessionStreams streams = new RecordingSessionStreams();
    private final CachingSessionStore cache = new CachingSessionStore(new ForwardingSessionStore(shared) {
        @Override
        public Optional<Session> find(SessionId id) {
            reads.incrementAndGet();
            if (failing) {
                throw new CouchDbException("GET /couchgate_sessions/<digest> failed (injected)");
            }
            duringRead.run();
            return super.find(id);
        }
    }, streams, clock, RECHECK);

    @Test
    void whileTheFeedIsCurrent_aCachedSessionIsServedWithoutAStoreRead_howeverOld() {
        cache.current();
        Session session = session();
        cache.put(session);
        clock.advance(Duration.ofHours(6));
        assertThat(cache.find(session.id())).contains(session);
        assertThat(reads).hasValue(0);
    }

    @Test
    void whileTheFeedIsDown_aCachedSessionIsTrustedFor5s_thenReadAgain() {
        cache.interrupted("connection refused");
        Session session = session();
        cache.put(session);
        clock.advance(RECHECK);
        assertThat(cache.find(session.id())).contains(session);
        assertThat(reads).hasValue(0);
        clock.advance(Duration.ofMillis(1));
        assertThat(cache.find(session.id())).contains(session);
        assertThat(reads).hasValue(1);
        assertThat(cache.find(session.id())).contains(session);
        assertThat(reads).hasValue(1);
    }

    @Test
    void beforeTheFeedFirstConnects_theRecheckRuleApplies() {
        Session session = session();
        cache.put(session);
        shared.remove(session.id()); // revoked by another instance, unannounced
        clock.advance(RECHECK.plusMillis(1));
        assertThat(cache.find(session.id())).isEmpty();
        assertThat(cache.isFeedCurrent()).isFalse();
        assertThat(cache.feedProblem()).contains("not connected yet");
    }

    @Test
    void aRevocationMissedWhileTheFeedWasDown_isNotTrustedPast5s() {
        cache.interrupted("timeout");
        Session session = session();
        cache.put(session);
        shared.remove(session.id());
        assertThat(cache.find(session.id())).contains(session);
        clock.advance(RECHECK.plusMillis(1));
        assertThat(cache.find(session.id())).isEmpty();
        assertThat(cache.cachedCount()).isZero();
    }

    @Test
    void aRemovalAnnouncedByTheFeed_forgetsTheSession_andEndsItsStreams() {
        cache.current();
        Session session = session();
        Session other = session();
        cache.put(session);
        cache.put(other);
        shared.remove(session.id()); // logout on another instance
        cache.changed(session.id().digest(), true);
        assertThat(cache.find(session.id())).isEmpty();
        assertThat(cache.find(other.id())).contains(other);
        assertThat(streams.ended()).containsExactly(session.id());
    }

    @Test
    void aRemovalAfterAnotherChange_ofTheSameSession_stillEndsItsStreams() {
        cache.current();
        Session session = session();
        cache.put(session);
        cache.changed(session.id().digest(), false);

        cache.changed(session.id().digest(), true);

        assertThat(streams.ended()).containsExactly(session.id());
    }

    @Test
    void cachedCountAndFeedState_reportWhatTheCacheHolds_andWhetherTheFeedIsCurrent() {
        Session session = session();
        cache.put(session);
        assertThat(cache.cachedCount()).isEqualTo(1);
        cache.current();
        assertThat(cache.isFeedCurrent()).isTrue();
        assertThat(cache.feedProblem()).isEmpty();

        cache.changed(session.id().digest(), true);
        cache.interrupted("connection reset");

        assertThat(cache.cachedCount()).isZero();
        assertThat(cache.isFeedCurrent()).isFalse();
        assertThat(cache.feedProblem()).contains("connection reset");
    }

    @Test
    void anotherChange_dropsTheCachedCopy_withoutEndingStreams() {
        cache.current();
        Session session = session();
        cache.put(session);
        cache.changed(session.id().digest(), false);
        assertThat(cache.find(session.id())).contains(session);
        assertThat(reads).hasValue(1);
        assertThat(streams.ended()).isEmpty();
    }

    @Test
    void aChangeForAnUncachedSession_costsNothing() {
        cache.current();
        cache.changed(session().id().digest(), true);
        assertThat(streams.ended()).isEmpty();
        assertThat(reads).hasValue(0);
    }

    @Test
    void aReadOverlappingAnnouncedChanges_isReturnedButNotCached_soALaterRemovalCannotBeOverwritten() {
        cache.current();
        Session session = session();
        shared.put(session);
        duringRead = () -> cache.changed(session().id().digest(), true);
        assertThat(cache.find(session.id())).contains(session);
        duringRead = () -> { };
        assertThat(cache.cachedCount()).isZero();
        shared.remove(session.id());
        cache.changed(session.id().digest(), true);
        assertThat(streams.ended()).containsExactly(session.id()); // its streams still end
        assertThat(cache.find(session.id())).isEmpty();
    }

    @Test
    void findWithoutWaiting_answersOnlyWhatTheCacheMayTrust() {
        cache.interrupted("timeout");
        Session session = session();
        assertThat(cache.findWithoutWaiting(session.id())).isEmpty();
        cache.put(session);
        assertThat(cache.findWithoutWaiting(session.id())).contains(Optional.of(session));
        clock.advance(RECHECK.plusMillis(1));
        assertThat(cache.findWithoutWaiting(session.id())).isEmpty();
        assertThat(reads).hasValue(0);
    }

    @Test
    void remove_removesFromTheStore_andTheCache() {
        cache.current();
        Session session = session();
        cache.put(session);
        assertThat(cache.remove(session.id())).contains(session);
        assertThat(shared.find(session.id())).isEmpty();
        assertThat(cache.find(session.id())).isEmpty();
    }

    @Test
    void aStoreFailureDuringARecheck_propagates_insteadOfTrustingTheCachedSession() {
        cache.interrupted("timeout");
        Session session = session();
        cache.put(session);
        clock.advance(RECHECK.plusMillis(1));
        failing = true;
        assertThatThrownBy(() -> cache.find(session.id())).isInstanceOf(CouchDbException.class);
    }

    @Test
    void lookUpsByUserAndExpiry_goToTheStore_soTheySeeOtherInstancesSessions() {
        Session elsewhere = session();
        shared.put(elsewhere);
        assertThat(cache.findByUsername(ALICE)).containsExactly(elsewhere);
        assertThat(cache.findByUsername(BOB)).isEmpty();
        assertThat(cache.findByDigest(elsewhere.id().digest())).contains(elsewhere);
        assertThat(cache.issuedAtByDigest()).containsOnlyKeys(elsewhere.id().digest());
        assertThat(cache.findExpiredAt(elsewhere.expiresAt())).containsExactly(elsewhere);
    }

    @Test
    void recheckAfter_mustBePositive() {
        assertThatThrownBy(() -> new CachingSessionStore(shared, streams, clock, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Session session() {
        return ContractSessions.session(INSTANCE, ALICE, clock.now(), clock.now().plusSeconds(3600));
    }
}
