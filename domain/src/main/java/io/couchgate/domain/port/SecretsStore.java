package io.couchgate.domain.port;

import io.couchgate.domain.Secrets;
import java.util.Optional;

/** Keeps couchgate's {@link Secrets} (owner-only file on disk in production). */
public interface SecretsStore {

    /**
     * @return the secrets, or empty before the first start wrote them
     * @throws InsecureSecretsException if the stored secrets are readable by others than the owner
     * @throws IllegalStateException if they exist but cannot be read
     */
    Optional<Secrets> load();

    /**
     * Writes atomically (a crash leaves the old or the new content, never a mix) and owner-only.
     *
     * @param secrets what to keep
     * @throws IllegalStateException if writing fails
     */
    void save(Secrets secrets);

    /**
     * Where the secrets live, for messages that tell an operator what to restore or delete.
     *
     * @return e.g. the secrets file's absolute path; never a secret
     */
    default String location() {
        return "couchgate's secrets store";
    }

    /** The secrets are readable by group or others: refuse to use them (as ssh does with keys). */
    class InsecureSecretsException extends RuntimeException {

        /** @param message where, and what mode to set */
        public InsecureSecretsException(String message) {
            super(message);
        }
    }
}
