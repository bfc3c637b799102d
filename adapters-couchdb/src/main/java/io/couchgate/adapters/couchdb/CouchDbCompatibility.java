package io.couchgate.adapters.couchdb;

import java.util.Locale;

/**
 * Which server couchgate talks to ({@code couchgate.couchdb.compatibility}). {@link #COUCHDB}, the default, is
 * Apache CouchDB 3 as documented: the welcome names {@code couchdb}, admins live at
 * {@code /_node/<node>/_config/admins} on each node of {@code /_membership} (config/auth.html), session users are
 * hashed with PBKDF2-SHA256 ({@code pbkdf2_prf: sha256}, CouchDB 3.3 and later). {@link #POUCHDB_SERVER} is the dev
 * server (PouchDB Server 4.2.0, {@code scripts/dev-couchdb}), and turns on its accommodations: an
 * {@code express-pouchdb} welcome counts as up, admins fall back to {@code /_config/admins} (CouchDB 1.x) where the
 * node API or {@code /_membership} is missing, a probe at start picks SHA-1 session users when SHA-256 is not
 * verified, and the sessions feed catches up after a longpoll held past its timeout before it calls it an outage
 * and replays the database when its numeric sequence went back.
 */
public enum CouchDbCompatibility {
    /** Apache CouchDB 3.3 or later. */
    COUCHDB("couchdb"),
    /** The dev server, PouchDB Server 4.2.0: for development and tests only. */
    POUCHDB_SERVER("pouchdb-server");

    private final String value;

    CouchDbCompatibility(String value) {
        this.value = value;
    }

    /**
     * @param text a configured value, {@code couchdb} or {@code pouchdb-server} (case and surrounding space
     *             ignored)
     * @return the matching compatibility
     * @throws IllegalArgumentException when the value is neither
     */
    public static CouchDbCompatibility parse(String text) {
        String clean = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (CouchDbCompatibility each : values()) {
            if (each.value.equals(clean)) {
                return each;
            }
        }
        throw new IllegalArgumentException("couchgate.couchdb.compatibility must be couchdb or pouchdb-server, not '"
                + text + "'");
    }

    /** @return whether the dev server's accommodations are on */
    public boolean isPouchDbServer() {
        return this == POUCHDB_SERVER;
    }

    /** @return the configured spelling, {@code couchdb} or {@code pouchdb-server} */
    @Override
    public String toString() {
        return value;
    }
}
