package io.couchgate.domain;

/** Which writes an app database's {@code validate_doc_update} allows. */
public enum DatabasePolicy {
    /**
     * Sessions read everything; a non-admin write (create, update, delete, replicated revision) must have an
     * {@code _id} of {@code <username>:<name>} and carry {@code owner} equal to the writer's app username (a
     * tombstone may leave {@code owner} out); only admins write design docs or docs whose id lacks the prefix.
     */
    OWNER_WRITE
}
