package io.couchgate.application.port.in;

/** Ends expired sessions: deletes their CouchDB users and forgets their credentials (architecture flow 7). */
public interface ReapExpiredSessionsUseCase {

    /** @return how many sessions were ended */
    int reap();
}
