package io.couchgate.application.port.in;

/** What {@link DropVanishedSessionUseCase#dropIfVanished} found and did. */
public enum VanishedSessionOutcome {
    /** The session's CouchDB user is gone and this call ended the session. */
    DROPPED,
    /** The session's CouchDB user is gone and the session had already ended (logout, another request). */
    ALREADY_ENDED,
    /** The session's CouchDB user still exists: CouchDB's 401 was about something else; the session stays. */
    USER_EXISTS
}
