package io.couchgate.bootstrap;

import io.couchgate.application.port.in.ProvisioningException;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.port.SecretsStore;

/** Turns a start-up failure into one line a person can act on (no stack trace, no secret). */
public final class StartupFailure {

    private StartupFailure() {
    }

    /**
     * @param failure what the application context threw
     * @return the message of the most telling cause, with advice where couchgate knows it
     */
    public static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ProvisioningException || t instanceof SecretsStore.InsecureSecretsException
                    || t instanceof ConfigurationException) {
                return t.getMessage();
            }
            if (t instanceof CouchDbException) {
                return t.getMessage() + " (check that CouchDB runs and that couchgate.couchdb.url / "
                        + "COUCHGATE_COUCHDB_URL points at it)";
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
