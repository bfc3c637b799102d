package io.couchgate.adapters.couchdb;

import io.couchgate.domain.DatabasePolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The {@code validate_doc_update} sources of the database policies, read from the classpath, and their version.
 * Raise {@link #VERSION} whenever a validator changes: provisioning replaces stored design docs of a lower version.
 */
final class Validators {

    /**
     * Version of the validators in this build, stored as {@code couchgate_version}. 1: {@code owner} checked
     * against {@code oldDoc}, which a replicated branch bypasses; 2: the owner bound to the {@code _id} prefix
     * {@code <username>:} for every non-admin write (docs/owner-ids.md).
     */
    static final int VERSION = 2;
    /** The design doc that holds the validator in each app database. */
    static final String DESIGN_DOC_ID = "_design/couchgate";

    private Validators() {
    }

    /**
     * @param policy a database policy
     * @return the design doc enforcing it (without {@code _rev})
     */
    static DesignDocument designDocument(DatabasePolicy policy) {
        return new DesignDocument(DESIGN_DOC_ID, null, "javascript", source(policy), VERSION);
    }

    static String source(DatabasePolicy policy) {
        return switch (policy) {
            case OWNER_WRITE -> resource("couchgate-owner-write.js");
        };
    }

    private static String resource(String name) {
        try (InputStream in = Validators.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("validator resource missing from the classpath: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read validator " + name, e);
        }
    }
}
