package io.couchgate.application.session;

import io.couchgate.application.port.in.PurgeStaleSessionUsersUseCase;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.port.SessionUserDirectory;
import java.util.Objects;

/** Deletes the session users that earlier runs left in CouchDB (architecture flow 2, last step). */
public final class PurgeStaleSessionUsersService implements PurgeStaleSessionUsersUseCase {

    private final SessionUserDirectory directory;
    private final InstanceId instanceId;

    /**
     * @param directory where session users are kept in CouchDB
     * @param instanceId this run of couchgate: its own session users are kept
     */
    public PurgeStaleSessionUsersService(SessionUserDirectory directory, InstanceId instanceId) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
    }

    @Override
    public long purge() {
        return directory.deleteAllNotOf(instanceId);
    }
}
