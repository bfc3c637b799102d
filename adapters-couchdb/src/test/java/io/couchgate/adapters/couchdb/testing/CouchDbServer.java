package io.couchgate.adapters.couchdb.testing;

import io.couchgate.adapters.couchdb.CouchDbCompatibility;
import io.couchgate.adapters.couchdb.CouchDbSettings;
import java.net.URI;
import java.time.Duration;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A CouchDB-compatible server that a test may use: where it is, which server admin it has, and
 * where it came from. Handed to tests by {@link CouchDbExtension}.
 *
 * <p>{@link #close()} stops a server made by {@link CouchDbExtension#startFreshDevServer()} (or by
 * {@link CouchDbExtension#freshServer()} on the dev server); on the shared server it does nothing (that one
 * stops when the test JVM exits).
 */
public final class CouchDbServer implements AutoCloseable {

    private static final AtomicLong NAME_COUNTER = new AtomicLong();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_PREFIX_LENGTH = 200;

    private final URI url;
    private final String adminUser;
    private final String adminPassword;
    private final String source;
    private final Runnable stopper;
    private final boolean forFirstStart;
    private volatile Boolean couchDb;

    /**
     * Describes a running server.
     *
     * @param url the server's root URL; a trailing slash is dropped
     * @param admin the server admin's credentials, or {@code null} when the server is in admin party
     * @param source where the server came from, one of the {@code SOURCE_*} texts of {@link CouchDbExtension}
     * @param stopper what {@link #close()} runs; must be safe to run more than once
     */
    CouchDbServer(URI url, BasicCredentials admin, String source, Runnable stopper) {
        this(url, admin, source, stopper, false);
    }

    /**
     * Describes a running server that a test hands to couchgate's first start.
     *
     * @param url the server's root URL; a trailing slash is dropped
     * @param admin the server admin's credentials, or {@code null} when the server is in admin party
     * @param source where the server came from, one of the {@code SOURCE_*} texts of {@link CouchDbExtension}
     * @param stopper what {@link #close()} runs; must be safe to run more than once
     * @param forFirstStart whether {@link #couchgateProperties()} names {@code admin} as couchgate's bootstrap
     *     admin
     */
    CouchDbServer(URI url, BasicCredentials admin, String source, Runnable stopper, boolean forFirstStart) {
        this.forFirstStart = forFirstStart;
        this.url = withoutTrailingSlash(Objects.requireNonNull(url, "url"));
        this.adminUser = admin == null ? null : admin.name();
        this.adminPassword = admin == null ? null : admin.password();
        this.source = Objects.requireNonNull(source, "source");
        this.stopper = Objects.requireNonNull(stopper, "stopper");
    }

    /**
     * The server's root URL.
     *
     * @return for example {@code http://127.0.0.1:41234}, without a trailing slash
     */
    public URI url() {
        return url;
    }

    /**
     * The server admin's name.
     *
     * @return the name, or empty when the server is in admin party
     */
    public Optional<String> adminUser() {
        return Optional.ofNullable(adminUser);
    }

    /**
     * The server admin's password.
     *
     * @return the password in plain text, or empty when the server is in admin party
     */
    public Optional<String> adminPassword() {
        return Optional.ofNullable(adminPassword);
    }

    /**
     * Where the server came from.
     *
     * @return {@code "COUCHDB_URL"}, {@code "testcontainers couchdb:3"} or {@code "embedded pouchdb-server 4.2.0"}
     */
    public String source() {
        return source;
    }

    /**
     * Tells Apache CouchDB from the dev server: the dev server (PouchDB Server) names itself
     * {@code "express-pouchdb"} in its {@code GET /} welcome, CouchDB {@code "couchdb"}
     * (api/server/common.html#get--). Asked once, on first use, for a server named by {@code COUCHDB_URL}.
     *
     * @return true for Apache CouchDB, false for the dev server
     * @throws java.io.UncheckedIOException when a {@code COUCHDB_URL} server cannot be reached
     */
    public boolean isCouchDb() {
        if (couchDb == null) {
            couchDb = !source.equals(CouchDbExtension.SOURCE_DEV_SERVER) && !CouchDbExtension.isDevServerAt(url);
        }
        return couchDb;
    }

    /**
     * The value of couchgate's {@code couchgate.couchdb.compatibility} for this server.
     *
     * @return {@code "couchdb"} for Apache CouchDB, {@code "pouchdb-server"} for the dev server
     */
    public String compatibility() {
        return isCouchDb() ? "couchdb" : "pouchdb-server";
    }

    /**
     * Where this server keeps its admins, for a test that reads or writes them directly: CouchDB 3's node
     * configuration ({@code /_node/_local/_config/admins}, config/auth.html), or on the dev server, which has no
     * node API, CouchDB 1.x's {@code /_config/admins}. Chosen by {@link #isCouchDb()}, never by probing, so that a
     * node API that fails on CouchDB fails the test instead of sending it to a path CouchDB 3 does not have.
     *
     * @return the path of the admins section, without a trailing slash
     */
    public String adminsPath() {
        return isCouchDb() ? "/_node/_local/_config/admins" : "/_config/admins";
    }

    /**
     * Settings for couchgate's CouchDB adapters on this server.
     *
     * @return settings for this URL (5 s to connect, 30 s to answer), with this server's {@link #compatibility()}
     */
    public CouchDbSettings couchDbSettings() {
        return new CouchDbSettings(url, Duration.ofSeconds(5), Duration.ofSeconds(30), null, false)
                .withCompatibility(CouchDbCompatibility.parse(compatibility()));
    }

    /**
     * The configuration couchgate needs for this server: {@code couchgate.couchdb.compatibility}, and for a
     * server from {@link CouchDbExtension#freshServer()} that has an admin (not in admin party), that admin as
     * couchgate's bootstrap admin ({@code couchgate.couchdb.bootstrap-admin.user} / {@code .password}, what the
     * environment's {@code COUCHGATE_COUCHDB_BOOTSTRAP_ADMIN_USER} / {@code _PASSWORD} become).
     *
     * @return property name to value, for an application context or as {@code -key=value} arguments
     */
    public Map<String, String> couchgateProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("couchgate.couchdb.compatibility", compatibility());
        if (forFirstStart && adminUser != null) {
            properties.put("couchgate.couchdb.bootstrap-admin.user", adminUser);
            properties.put("couchgate.couchdb.bootstrap-admin.password", adminPassword);
        }
        return properties;
    }

    /**
     * {@link #couchgateProperties()} as a forked couchgate's environment, as an operator gives them
     * ({@code COUCHGATE_COUCHDB_COMPATIBILITY}, {@code COUCHGATE_COUCHDB_BOOTSTRAP_ADMIN_USER} / {@code _PASSWORD}).
     *
     * @return variable name to value
     */
    public Map<String, String> couchgateEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        couchgateProperties().forEach((key, value) -> environment.put(
                key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value));
        return environment;
    }

    /**
     * Makes a database name no other call in this JVM returns.
     *
     * @param prefix a readable start of the name; characters CouchDB does not allow become {@code -}
     * @return a valid CouchDB database name: lower case, starting with a letter, then the prefix,
     *     a counter and random hex
     */
    public String uniqueName(String prefix) {
        String clean = cleanPrefix(prefix == null ? "" : prefix);
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        return clean + "-" + NAME_COUNTER.incrementAndGet() + "-" + HexFormat.of().formatHex(random);
    }

    /** Stops a server of its own (a fresh dev server); does nothing for the shared one. */
    @Override
    public void close() {
        stopper.run();
    }

    Optional<BasicCredentials> admin() {
        return adminUser == null ? Optional.empty() : Optional.of(new BasicCredentials(adminUser, adminPassword));
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof CouchDbServer that)) {
            return false;
        }
        return url.equals(that.url) && Objects.equals(adminUser, that.adminUser)
                && Objects.equals(adminPassword, that.adminPassword) && source.equals(that.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, adminUser, source);
    }

    @Override
    public String toString() {
        return "CouchDbServer[url=" + url + ", adminUser=" + (adminUser == null ? "(admin party)" : adminUser)
                + ", source=" + source + "]";
    }

    private static String cleanPrefix(String prefix) {
        String lower = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_$()+-]", "-");
        String clean = lower.length() > MAX_PREFIX_LENGTH ? lower.substring(0, MAX_PREFIX_LENGTH) : lower;
        return !clean.isEmpty() && clean.charAt(0) >= 'a' && clean.charAt(0) <= 'z' ? clean : "db" + clean;
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}
