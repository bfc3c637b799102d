package io.couchgate.adapters.couchdb;

import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.port.SessionFeed;
import io.micronaut.http.HttpMethod;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running {@link CouchDbSessionFeed} subscription: its thread, its own connection and the sequence it resumes
 * from. Listener calls happen under a lock that {@link #close()} also takes, so none begins once {@code close} has
 * returned.
 *
 * <p>A failed request interrupts the feed. CouchDB answers a {@code longpoll} once its {@code timeout} has passed
 * (api/database/changes.html), so there a longpoll that fails is an outage. The dev server ignores that timeout and
 * holds the longpoll until a change arrives: with {@link CouchDbCompatibility#POUCHDB_SERVER} only, a longpoll that
 * fails after its poll timeout first catches up, and interrupts the feed only when that fails too. Its sequences
 * are plain numbers, so with that compatibility only a sequence that went back (the database made again) replays
 * the database from the start; CouchDB 3's sequences are opaque (and it replays a recreated database's shards by
 * itself).
 */
final class SessionFeedFollower implements SessionFeed.Subscription {

    static final String THREAD_NAME = "couchgate-session-feed";
    static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    /** Changes per request while catching up after an interruption. */
    static final int CATCH_UP_LIMIT = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(SessionFeedFollower.class);
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final long CLOSE_WAIT_MILLIS = 2000;

    /** STARTING: not yet connected; CHECKING: a longpoll failed, not yet announced; DOWN: announced. */
    private enum State { STARTING, CURRENT, CHECKING, DOWN }

    private final CouchDbConnection couch;
    private final CouchCredentials admin;
    private final String changesPath;
    private final String databasePath;
    private final Duration pollTimeout;
    private final SessionFeed.Listener listener;
    private final boolean devServer;
    private final Object lock = new Object();
    private final Thread thread;
    private volatile boolean closed;
    private State state = State.STARTING;
    private String since;
    private long pollStarted;

    /**
     * @param couch the follower's own connection, closed by {@link #close()}
     * @param admin couchgate's server admin
     * @param database the sessions database's name (valid)
     * @param pollTimeout each longpoll's {@code timeout}
     * @param compatibility which server it is: {@code pouchdb-server} tolerates longpolls held past their timeout
     *                      and replays a database whose numeric sequence went back
     * @param listener what is told of changes and interruptions
     */
    SessionFeedFollower(CouchDbConnection couch, CouchCredentials admin, String database, Duration pollTimeout,
                        CouchDbCompatibility compatibility, SessionFeed.Listener listener) {
        this.couch = couch;
        this.devServer = compatibility.isPouchDbServer();
        this.admin = admin;
        this.databasePath = "/" + CouchDbPaths.segment(database);
        this.changesPath = databasePath + "/_changes";
        this.pollTimeout = pollTimeout;
        this.listener = listener;
        this.thread = new Thread(this::run, THREAD_NAME);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** @return whether the follower thread is still running (for tests) */
    boolean isRunning() {
        return thread.isAlive();
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        thread.interrupt();
        couch.close(); // aborts the request in flight
        if (Thread.currentThread() != thread) {
            try {
                thread.join(CLOSE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        long backoff = FIRST_BACKOFF.toMillis();
        while (!closed) {
            try {
                step();
                backoff = FIRST_BACKOFF.toMillis();
            } catch (RuntimeException e) { // CouchDbException mostly; any other must not end the thread unseen
                if (closed) {
                    return;
                }
                if (heldPastItsTimeout()) {
                    // the dev server kept the longpoll past its timeout: no outage unless catching up fails too
                    state = State.CHECKING;
                    continue;
                }
                goDown(e.getMessage());
                if (!pause(backoff)) {
                    return;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
            }
        }
    }

    /** @return whether the dev server's accommodation applies: a longpoll failed after its poll timeout */
    private boolean heldPastItsTimeout() {
        return devServer && state == State.CURRENT
                && System.nanoTime() - pollStarted >= pollTimeout.toNanos();
    }

    /** One request: the start sequence, a catch-up after a failure, or a longpoll. */
    private void step() {
        if (state != State.CURRENT) {
            catchUp();
            if (state != State.CHECKING) {
                announce(SessionFeed.Listener::current);
            }
            state = State.CURRENT;
        } else {
            pollStarted = System.nanoTime();
            since = deliver(poll("feed=longpoll&timeout=" + pollTimeout.toMillis()));
        }
    }

    /**
     * Reads the database's sequence: on the first connection, where to start; after a failure (with
     * {@code pouchdb-server}) whether the database went back in time (deleted and made again: replay it from the
     * start), then every change missed.
     */
    private void catchUp() {
        Object updateSeq = read(couch.send(HttpMethod.GET, databasePath, admin, null), DatabaseInfo.class)
                .updateSeq();
        String current = seqText(updateSeq);
        if (since == null) {
            since = current;
            return;
        }
        if (devServer && wentBack(current, since)) {
            LOG.warn("the sessions database went back to an earlier sequence (made again?); replaying its changes");
            since = "0";
        }
        while (true) {
            ChangesPage page = poll("feed=normal&limit=" + CATCH_UP_LIMIT);
            since = deliver(page);
            if (page.results().size() < CATCH_UP_LIMIT) {
                return;
            }
        }
    }

    private ChangesPage poll(String feed) {
        String path = changesPath + "?" + feed + "&since=" + CouchDbPaths.queryValue(since);
        return read(couch.send(HttpMethod.GET, path, admin, null), ChangesPage.class);
    }

    private <T> T read(Reply reply, Class<T> type) {
        if (!reply.is(200)) {
            throw new CouchDbException(reply.describe());
        }
        return couch.read(reply, type);
    }

    /** @return the sequence to resume from */
    private String deliver(ChangesPage page) {
        for (ChangesPage.Change change : page.results()) {
            if (change.id() != null && !change.id().startsWith("_design/")) {
                announce(l -> l.changed(change.id(), change.isDeletion()));
            }
        }
        return page.lastSeq() == null ? since : seqText(page.lastSeq());
    }

    private void goDown(String reason) {
        if (state != State.DOWN) {
            LOG.warn("the sessions changes feed is down: {}", reason);
            state = State.DOWN;
            announce(l -> l.interrupted(reason));
        }
    }

    private void announce(Consumer<SessionFeed.Listener> call) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.error("a session feed listener failed", e);
            }
        }
    }

    /** @return false when interrupted (closing) */
    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** A sequence as a query value: text as it is, a number (CouchDB 1, PouchDB) in plain digits. */
    static String seqText(Object seq) {
        if (seq == null) {
            throw new CouchDbException("the sessions database answered no sequence");
        }
        if (seq instanceof Number number) {
            return new BigDecimal(number.toString()).toBigInteger().toString();
        }
        return seq.toString();
    }

    /**
     * @return true when both are plain numbers (CouchDB 1, PouchDB) and {@code current} is below {@code since}:
     *         the database was made again. CouchDB 2 and later replay a recreated database's shards by themselves.
     */
    static boolean wentBack(String current, String since) {
        if (!NUMBER.matcher(current).matches() || !NUMBER.matcher(since).matches()) {
            return false;
        }
        return new BigInteger(current).compareTo(new BigInteger(since)) < 0;
    }
}
