package io.couchgate.application.port.in;

/**
 * Deletes the session users of every instance that holds no live lease (crashed, stopped, or an earlier run), never
 * those of this instance or of another live one (architecture, "Instances"). Runs after start-up and periodically.
 */
public interface SweepOrphanSessionUsersUseCase {

    /**
     * @return how many session users this sweep deleted
     * @throws io.couchgate.domain.CouchDbException if CouchDB fails (nothing is assumed dead then)
     */
    long sweep();
}
