package io.couchgate.application.port.out;

/**
 * Where couchgate reports what it measures about its own work (README "Metrics"): account calls by outcome,
 * {@code /database} answers and their latency, open feeds, and the wait for an Argon2id turn. Implemented in
 * {@code bootstrap} with Micrometer; callers never see a metrics library. Every method is cheap and never throws,
 * and may be called from any thread, event loops included. {@link #NONE} measures nothing (tests, tools).
 */
public interface Metrics {

    /** Measures nothing. */
    Metrics NONE = new Metrics() {
    };

    /**
     * One signup or login answered.
     *
     * @param event {@code signup} or {@code login} (the audit log's event names); others are ignored
     * @param outcome the audit log's outcome: {@code ok}, {@code failed}, {@code throttled}, {@code busy},
     *     {@code unavailable} or {@code refused}
     */
    default void accountCall(String event, String outcome) {
    }

    /**
     * One {@code /database} request answered, by couchgate or by CouchDB.
     *
     * @param status the status sent to the client (100 to 599)
     * @param nanos from the request's arrival to its answer's head, in nanoseconds
     */
    default void databaseAnswer(int status, long nanos) {
    }

    /** A long-lived {@code _changes} feed ({@code feed=longpoll}, {@code continuous}, {@code eventsource}) opened. */
    default void feedOpened() {
    }

    /** A feed that {@link #feedOpened} counted has closed; called once for each. */
    default void feedClosed() {
    }

    /**
     * One hash or verify call got its Argon2id turn, or gave up waiting.
     *
     * @param nanos how long it waited for a turn, in nanoseconds
     * @param admitted false when it gave up after the queue timeout (the call then answers 503)
     */
    default void hashQueueWait(long nanos, boolean admitted) {
    }
}
