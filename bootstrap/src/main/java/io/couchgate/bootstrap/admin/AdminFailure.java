package io.couchgate.bootstrap.admin;

/** An admin command failed for a reason its message states in one line (exit code 1). */
final class AdminFailure extends RuntimeException {

    private final String kind;

    /**
     * @param kind the audit entry's {@code detail}, one of {@link FailureKind}'s constants
     * @param message what went wrong, without a secret
     */
    AdminFailure(String kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** @return the failure's kind, e.g. {@code unknown-invitation} */
    String kind() {
        return kind;
    }
}
