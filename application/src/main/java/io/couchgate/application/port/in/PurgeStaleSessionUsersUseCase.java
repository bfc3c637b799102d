package io.couchgate.application.port.in;

/** Deletes session users that earlier couchgate instances left in {@code _users} (architecture flow 2). */
public interface PurgeStaleSessionUsersUseCase {

    /** @return how many session users were deleted */
    long purge();
}
