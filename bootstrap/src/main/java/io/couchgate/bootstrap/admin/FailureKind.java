package io.couchgate.bootstrap.admin;

import io.couchgate.application.port.in.NoSuchUserException;
import io.couchgate.bootstrap.ConfigurationException;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.InvalidUsernameException;
import io.couchgate.domain.WeakPasswordException;
import io.couchgate.domain.port.SecretsStore;

/**
 * The stable kinds a failed admin command's audit entry names as its {@code detail} (README, "Admin CLI"): never a
 * message, which could hold what an operator typed, nor a Java class name.
 */
final class FailureKind {

    /** NAME names no account. */
    static final String NO_SUCH_USER = "no-such-user";
    /** NAME can be no account's name (empty, or not a username at all). */
    static final String INVALID_NAME = "invalid-name";
    /** The {@code --stdin} password breaks the password policy. */
    static final String WEAK_PASSWORD = "weak-password";
    /** {@code --stdin} found no line, or one longer than allowed, or could not read. */
    static final String NO_PASSWORD_INPUT = "no-password-input";
    /** The code or id names no invitation that is still open. */
    static final String UNKNOWN_INVITATION = "unknown-invitation";
    /** CouchDB could not be reached or answered what couchgate did not expect. */
    static final String COUCHDB_UNAVAILABLE = "couchdb-unavailable";
    /** No secrets stored yet (couchgate never started with this configuration). */
    static final String NO_SECRETS = "no-secrets";
    /** The secrets file may be read by others than its owner. */
    static final String INSECURE_SECRETS = "insecure-secrets";
    /** The configuration is invalid. */
    static final String CONFIGURATION = "configuration";
    /** Anything else. */
    static final String INTERNAL_ERROR = "internal-error";

    private FailureKind() {
    }

    /**
     * @param failure what a command threw (possibly wrapped by the application context)
     * @return the kind of its most telling cause, {@link #INTERNAL_ERROR} when none is known
     */
    static String of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String kind = direct(t);
            if (kind != null) {
                return kind;
            }
        }
        return INTERNAL_ERROR;
    }

    private static String direct(Throwable t) {
        if (t instanceof AdminFailure admin) {
            return admin.kind();
        }
        if (t instanceof NoSuchUserException) {
            return NO_SUCH_USER;
        }
        if (t instanceof InvalidUsernameException) {
            return INVALID_NAME;
        }
        if (t instanceof WeakPasswordException) {
            return WEAK_PASSWORD;
        }
        if (t instanceof CouchDbException) {
            return COUCHDB_UNAVAILABLE;
        }
        if (t instanceof SecretsStore.InsecureSecretsException) {
            return INSECURE_SECRETS;
        }
        return t instanceof ConfigurationException ? CONFIGURATION : null;
    }
}
