package io.couchgate.domain;

/** Which writes an app database's {@code validate_doc_update} allows. */
public enum DatabasePolicy {
    /**
     * Sessions read everything; a write must carry {@code owner} equal to the writer's app username; {@code owner}
     * never changes; only the owner deletes; only admins write design docs.
     */
    OWNER_WRITE
}
