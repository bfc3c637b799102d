package io.couchgate.bootstrap.admin;

/** An admin command failed for a reason its message states in one line (exit code 1). */
final class AdminFailure extends RuntimeException {

    /** @param message what went wrong, without a secret */
    AdminFailure(String message) {
        super(message);
    }
}
