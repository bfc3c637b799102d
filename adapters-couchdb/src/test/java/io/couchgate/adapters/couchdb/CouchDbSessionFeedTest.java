package io.couchgate.adapters.couchdb;

import static io.couchgate.domain.port.testing.ContractSessions.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.SessionFeed;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sessions changes feed on a real server: prompt changes, interruptions and resumption, and close; and on a stub
 * that holds longpolls past their timeout, per {@code couchgate.couchdb.compatibility}.
 */
@ExtendWith(CouchDbExtension.class)
class CouchDbSessionFeedTest {

    private static final InstanceId INSTANCE = InstanceId.random();
    private static final Username ALICE = Username.of("alice");
    private static final Duration POLL = Duration.ofSeconds(10);
    /** How long a test waits for an event: generous, as the machines are shared; how fast is for scripts/bench. */
    private static final Duration EVENT = Duration.ofSeconds(30);

    private final CouchDbServer server;
    private final CouchDbConnection couch;
    private final CouchCredentials admin;
    private final RawCouch raw;
    private final String database;
    private final CouchDbSessionStore store;
    private final Events events = new Events();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    CouchDbSessionFeedTest(CouchDbServer server) {
        this.server = server;
        couch = CouchDbConnection.open(server.couchDbSettings());
        admin = RawCouch.adminOf(server);
        raw = new RawCouch(server.url());
        database = server.uniqueName("sessions-feed");
        store = new CouchDbSessionStore(couch, admin, database, TestRandom.bytes(32));
        store.ensureDatabase();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        raw.send("DELETE", "/" + database, null, admin);
        couch.close();
    }

    /** Follows the server at {@code url} (the harness server, or a proxy to it) with that server's compatibility. */
    private SessionFeedFollower follow(URI url, Duration poll) {
        return follow(TestCouchDbSettings.of(url).withCompatibility(server.couchDbSettings().compatibility()), poll);
    }

    private SessionFeedFollower follow(CouchDbSettings settings, Duration poll) {
        SessionFeed.Subscription subscription = new CouchDbSessionFeed(settings, admin, database, poll).follow(events);
        toClose.add(subscription);
        return (SessionFeedFollower) subscription;
    }

    @Test
    void writesAndRemovals_reachTheListener() throws Exception {
        follow(server.url(), POLL);
        events.await("current");
        Session session = session(INSTANCE, ALICE);

        store.put(session);
        // Waited for as events; the <= 1 s promise (revocation reaching other instances) is measured by
        // scripts/bench scenario 9.
        events.await("changed " + session.id().digest() + " false");
        store.remove(session.id());
        events.await("changed " + session.id().digest() + " true");
    }

    @Test
    void changesBeforeFollowing_areNotAnnounced_andDesignDocsNever() throws Exception {
        Session before = session(INSTANCE, ALICE);
        store.put(before);
        follow(server.url(), POLL);
        events.await("current");
        String ddoc = "/" + database + "/_design/couchgate_sessions";
        String rev = raw.send("GET", ddoc, null, admin).json().get("_rev").asText();
        raw.send("PUT", ddoc, "{\"_rev\":\"" + rev + "\",\"views\":{}}", admin);
        Session after = session(INSTANCE, ALICE);

        store.put(after);

        events.await("changed " + after.id().digest() + " false");
        assertThat(events.seen()).containsExactly("current", "changed " + after.id().digest() + " false");
    }

    @Test
    void aServerThatGoesAway_interruptsTheFeed_whichResumesFromWhereItStopped() throws Exception {
        try (SwitchableProxy proxy = new SwitchableProxy(server.url())) {
            follow(proxy.url(), POLL);
            events.await("interrupted"); // nobody listens on the port yet
            proxy.start();
            events.await("current");

            proxy.stop();
            events.await("interrupted");
            Session whileDown = session(INSTANCE, ALICE);
            store.put(whileDown);
            proxy.start();

            events.await("changed " + whileDown.id().digest() + " false");
            events.await("current");
            Session afterwards = session(INSTANCE, ALICE);
            store.put(afterwards);
            events.await("changed " + afterwards.id().digest() + " false");
            assertThat(events.interruptions()).allSatisfy(reason -> assertThat(reason).doesNotContain(
                    admin.password()));
        }
    }

    @Test
    void aMissingDatabase_interruptsTheFeed_untilItIsMade() throws Exception {
        raw.send("DELETE", "/" + database, null, admin);
        follow(server.url(), POLL);
        events.await("interrupted");
        assertThat(events.interruptions()).first().asString().contains("answered 404");

        store.ensureDatabase();
        events.await("current");
        Session session = session(INSTANCE, ALICE);
        store.put(session);
        events.await("changed " + session.id().digest() + " false");
    }

    @Test
    void sequences_areQueryTextOfEitherForm_andOnlyPlainNumbersCanGoBack() {
        assertThat(SessionFeedFollower.seqText(42)).isEqualTo("42");
        assertThat(SessionFeedFollower.seqText(42L)).isEqualTo("42");
        assertThat(SessionFeedFollower.seqText("12-g1AAAA")).isEqualTo("12-g1AAAA");
        assertThat(SessionFeedFollower.wentBack("1", "3")).isTrue();
        assertThat(SessionFeedFollower.wentBack("3", "3")).isFalse();
        assertThat(SessionFeedFollower.wentBack("1-g1AAAA", "3-g1AAAA")).isFalse();
    }

    @Test
    void aQuietFeed_isNotInterrupted_evenWhereTheServerHoldsTheLongpollPastItsTimeout() throws Exception {
        follow(server.url(), Duration.ofSeconds(1)); // its connection waits 6 s for an answer
        events.await("current");

        assertThat(events.next(Duration.ofMillis(7500))).isNull();
        Session session = session(INSTANCE, ALICE);
        store.put(session);
        events.await("changed " + session.id().digest() + " false");
    }

    /**
     * With {@code couchdb}, CouchDB's documented longpoll only (api/database/changes.html: answered once
     * {@code timeout} has passed): a longpoll held past it and its read margin is an outage, announced at once.
     */
    @Test
    void aLongpollHeldPastItsTimeout_interruptsTheFeed_withCouchDbCompatibility() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (StubCouchDb stub = new StubCouchDb(request -> holdingLongpolls(request, release))) {
            follow(TestCouchDbSettings.of(stub.url()).withCompatibility(CouchDbCompatibility.COUCHDB),
                    Duration.ofMillis(1)); // its connection waits 1 s for an answer
            events.await("current");

            events.await("interrupted");
            events.await("current"); // caught up once the backoff passed
            assertThat(events.seen()).containsExactly("current", "interrupted", "current");
        } finally {
            release.countDown();
        }
    }

    /** With {@code pouchdb-server}, a longpoll held past its timeout is followed by a catch-up, and no outage. */
    @Test
    void aLongpollHeldPastItsTimeout_isCaughtUpWithoutAnInterruption_withPouchDbServerCompatibility()
            throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (StubCouchDb stub = new StubCouchDb(request -> holdingLongpolls(request, release))) {
            follow(TestCouchDbSettings.of(stub.url()).withCompatibility(CouchDbCompatibility.POUCHDB_SERVER),
                    Duration.ofMillis(1));
            events.await("current");

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (catchUps(stub) < 3 && System.nanoTime() < deadline) {
                assertThat(events.next(Duration.ofMillis(100))).as("an event while longpolls are held").isNull();
            }
            assertThat(catchUps(stub)).as("catch-ups after held longpolls").isGreaterThanOrEqualTo(3);
            assertThat(events.seen()).containsExactly("current");
        } finally {
            release.countDown();
        }
    }

    /**
     * A numeric sequence that went back after an interruption (the dev server's database made again) replays the
     * database from sequence 0 with {@code pouchdb-server} only; with {@code couchdb} sequences are opaque and the
     * catch-up resumes from the last one seen.
     */
    @ParameterizedTest
    @EnumSource(CouchDbCompatibility.class)
    void aNumericSequenceThatWentBack_isReplayedFromZero_onlyWithPouchDbServerCompatibility(
            CouchDbCompatibility compatibility) throws Exception {
        AtomicInteger infos = new AtomicInteger();
        try (StubCouchDb stub = new StubCouchDb(request -> madeAgainAfterAFailedLongpoll(request, infos))) {
            follow(TestCouchDbSettings.of(stub.url()).withCompatibility(compatibility), POLL);
            events.await("current");
            events.await("interrupted");
            events.await("current");

            String catchUp = stub.requests().stream().map(StubCouchDb.Request::target)
                    .filter(target -> target.contains("feed=normal")).findFirst().orElseThrow();
            assertThat(catchUp).endsWith(compatibility.isPouchDbServer() ? "&since=0" : "&since=3");
        }
    }

    /** Sequence 3, a longpoll that fails, then sequence 1 (the database made again) and no change. */
    private StubCouchDb.Answer madeAgainAfterAFailedLongpoll(StubCouchDb.Request request, AtomicInteger infos) {
        if (request.target().equals("/" + database)) {
            String seq = infos.getAndIncrement() == 0 ? "3" : "1";
            return new StubCouchDb.Answer(200, "{\"db_name\":\"" + database + "\",\"update_seq\":" + seq + "}");
        }
        if (request.target().contains("feed=longpoll")) {
            return new StubCouchDb.Answer(500, "{\"error\":\"unknown_error\",\"reason\":\"stub\"}");
        }
        return new StubCouchDb.Answer(200, "{\"results\":[],\"last_seq\":1}");
    }

    /** A sessions database at sequence {@code 5-x} with no change: longpolls are held until {@code release}. */
    private StubCouchDb.Answer holdingLongpolls(StubCouchDb.Request request, CountDownLatch release) {
        if (request.target().equals("/" + database)) {
            return new StubCouchDb.Answer(200, "{\"db_name\":\"" + database + "\",\"update_seq\":\"5-x\"}");
        }
        if (request.target().contains("feed=longpoll")) {
            try {
                release.await(60, TimeUnit.SECONDS); // held, as the dev server holds a longpoll
            } catch (InterruptedException closing) {
                Thread.currentThread().interrupt();
            }
        }
        return new StubCouchDb.Answer(200, "{\"results\":[],\"last_seq\":\"5-x\"}");
    }

    private static long catchUps(StubCouchDb stub) {
        return stub.requests().stream().filter(r -> r.target().contains("feed=normal")).count();
    }

    @Test
    void close_stopsTheThread_andNoListenerCallFollows_andIsIdempotent() throws Exception {
        SessionFeedFollower follower = follow(server.url(), POLL);
        events.await("current");

        follower.close();
        assertThat(follower.isRunning()).isFalse();
        follower.close();
        store.put(session(INSTANCE, ALICE));

        assertThat(events.next(Duration.ofMillis(1500))).isNull();
    }

    @Test
    void aPollTimeoutBelowOneMillisecond_orAnInvalidDatabaseName_isRefused() {
        CouchDbSettings settings = server.couchDbSettings();
        assertThatThrownBy(() -> new CouchDbSessionFeed(settings, admin, database, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 ms");
        assertThatThrownBy(() -> new CouchDbSessionFeed(settings, admin, "Bad", POLL))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Records the listener's calls as text: {@code current}, {@code interrupted}, {@code changed <id> <removed>}. */
    private static final class Events implements SessionFeed.Listener {

        private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();
        private final List<String> reasons = new ArrayList<>();

        @Override
        public void changed(String sessionDigest, boolean removed) {
            queue.add("changed " + sessionDigest + " " + removed);
        }

        @Override
        public void current() {
            queue.add("current");
        }

        @Override
        public synchronized void interrupted(String reason) {
            reasons.add(reason);
            queue.add("interrupted");
        }

        /** Takes events until {@code expected} arrives; fails when it has not within {@link #EVENT}. */
        void await(String expected) throws InterruptedException {
            long deadline = System.nanoTime() + EVENT.toNanos();
            while (true) {
                String event = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (event == null) {
                    throw new AssertionError("no '" + expected + "' within " + EVENT + "; seen " + seen());
                }
                record(event);
                if (event.equals(expected)) {
                    return;
                }
            }
        }

        String next(Duration timeout) throws InterruptedException {
            String event = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (event != null) {
                record(event);
            }
            return event;
        }

        private synchronized void record(String event) {
            seen.add(event);
        }

        synchronized List<String> seen() {
            return List.copyOf(seen);
        }

        synchronized List<String> interruptions() {
            return List.copyOf(reasons);
        }
    }
}
