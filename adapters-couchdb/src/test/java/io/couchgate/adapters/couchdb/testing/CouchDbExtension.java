package io.couchgate.adapters.couchdb.testing;

import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JUnit 5 extension that hands tests a real CouchDB-compatible server with a server admin.
 *
 * <p>Register it with {@code @ExtendWith(CouchDbExtension.class)}; then any parameter of type
 * {@link CouchDbServer} (constructor, {@code @BeforeAll}, {@code @BeforeEach}, test method)
 * receives the one server shared by the whole JVM, started on first use. It is, first that applies:
 * <ol>
 *   <li>the server at env {@code COUCHDB_URL}, admin from {@code COUCHDB_ADMIN_USER} /
 *       {@code COUCHDB_ADMIN_PASSWORD} (without them it must be in admin party and gets an admin);</li>
 *   <li>{@code couchdb:3} through Testcontainers, when a Docker engine answers;</li>
 *   <li>the embedded dev server (PouchDB Server 4.2.0 from {@code scripts/dev-couchdb}, in memory),
 *       given a random admin at once, since it starts in admin party.</li>
 * </ol>
 * Whichever it is, {@code _users} exists. One log line names the choice.
 *
 * <p>Tests of couchgate's first start take {@link #freshServer()}: a fresh dev server in admin party where the
 * shared server is the dev server, else the shared server cleaned, with its admin to be couchgate's bootstrap
 * admin ({@link CouchDbServer#couchgateProperties()}). So {@code COUCHDB_URL} runs the whole suite on that server.
 * Only tests that need admin party itself, or a server they may stop, call {@link #startFreshDevServer()}, and say
 * why in a comment.
 */
public final class CouchDbExtension implements ParameterResolver {

    /** {@link CouchDbServer#source()} of a server named by env {@code COUCHDB_URL}. */
    public static final String SOURCE_URL = "COUCHDB_URL";
    /** {@link CouchDbServer#source()} of a server in a Testcontainers container. */
    public static final String SOURCE_TESTCONTAINERS = "testcontainers couchdb:3";
    /** {@link CouchDbServer#source()} of the embedded dev server. */
    public static final String SOURCE_DEV_SERVER = "embedded pouchdb-server 4.2.0";

    private static final Logger LOG = LoggerFactory.getLogger(CouchDbExtension.class);
    private static CouchDbServer shared;
    private static RuntimeException sharedFailure;

    /**
     * The JVM's shared server, started on the first call; for code that cannot take a parameter
     * (for example a Micronaut {@code TestPropertyProvider}).
     *
     * @return the shared server, with an admin
     * @throws IllegalStateException when no server could be started (the same failure on every call)
     */
    public static synchronized CouchDbServer sharedServer() {
        if (shared == null && sharedFailure == null) {
            try {
                shared = startShared();
                LOG.info("CouchDB for tests: {} at {} (admin {})", shared.source(), shared.url(),
                        shared.adminUser().orElse("none"));
            } catch (RuntimeException e) {
                sharedFailure = e;
            }
        }
        if (sharedFailure != null) {
            throw new IllegalStateException("no CouchDB server for tests: " + sharedFailure.getMessage(), sharedFailure);
        }
        return shared;
    }

    /**
     * A server in the state of couchgate's first start, for a test that hands it to couchgate (give couchgate
     * {@link CouchDbServer#couchgateProperties()}), one at a time:
     * <ul>
     *   <li>where the shared server is the embedded dev server: a new dev server of its own in admin party, as
     *       {@link #startFreshDevServer()};</li>
     *   <li>else (COUCHDB_URL, Testcontainers; CouchDB 3 has no admin party): the shared server, cleaned: every
     *       database whose name does not start with {@code _} deleted, couchgate's admins
     *       ({@code couchgate-admin-*}) and session users removed. Its admin is the shared admin, which
     *       {@link CouchDbServer#couchgateProperties()} names as couchgate's bootstrap admin. Closing it does
     *       nothing; the next {@code freshServer()} cleans again, so two such servers are never in use at
     *       once.</li>
     * </ul>
     *
     * @return a server couchgate has never provisioned; {@link CouchDbServer#adminUser()} is empty exactly when it
     *     is in admin party
     * @throws IllegalStateException when no server can be started or the cleaning is refused
     */
    public static CouchDbServer freshServer() {
        CouchDbServer server = sharedServer();
        if (server.source().equals(SOURCE_DEV_SERVER)) {
            return startFreshDevServer();
        }
        BasicCredentials admin = server.admin().orElseThrow();
        ServerReset.clean(new CouchHttp(server.url()), admin);
        return new CouchDbServer(server.url(), admin, server.source(), () -> { }, true);
    }

    /**
     * Tells whether the server at {@code url} is the dev server (PouchDB Server), by its {@code GET /} welcome.
     *
     * @param url the server's root URL, without a trailing slash
     * @return whether the welcome names {@code express-pouchdb}
     * @throws java.io.UncheckedIOException when the server cannot be reached
     */
    public static boolean isDevServerAt(URI url) {
        HttpResponse<String> welcome = new CouchHttp(url).send("GET", "/", null, null);
        return welcome.statusCode() == 200 && welcome.body().contains("\"express-pouchdb\"");
    }

    /**
     * The {@code couchgate.couchdb.compatibility} for whatever answers at {@code url} (a server, or a relay or
     * proxy in front of one), for helpers that start couchgate with a URL only.
     *
     * @param url a root URL, without a trailing slash
     * @return {@code "pouchdb-server"} when the dev server welcomes there, {@code "couchdb"} when another server
     *     answers; when nothing answers plain HTTP there (a relay that is down, a TLS proxy), the shared server's
     */
    public static String compatibilityAt(URI url) {
        try {
            HttpResponse<String> welcome = new CouchHttp(url).send("GET", "/", null, null);
            if (welcome.statusCode() == 200) {
                return welcome.body().contains("\"express-pouchdb\"") ? "pouchdb-server" : "couchdb";
            }
        } catch (RuntimeException unreachable) {
            // below: the shared server's
        }
        return sharedServer().compatibility();
    }

    /**
     * Starts a new embedded dev server of its own, still in admin party (no admin), whatever server
     * the shared one is; only for tests that need admin party itself (which CouchDB 3 does not have) or a server
     * of their own to stop, which say so; other tests of a first start take {@link #freshServer()}. Close it when
     * done (it also stops when
     * the JVM exits).
     *
     * @return a running dev server whose {@link CouchDbServer#adminUser()} is empty
     * @throws IllegalStateException when the dev server cannot be installed or started
     */
    public static CouchDbServer startFreshDevServer() {
        DevCouchDbProcess process = DevCouchDbProcess.start();
        return new CouchDbServer(process.url(), null, SOURCE_DEV_SERVER, process::stop);
    }

    /**
     * Claims parameters of type {@link CouchDbServer}.
     *
     * @param parameterContext the parameter to resolve
     * @param extensionContext the current test context
     * @return whether the parameter's type is {@link CouchDbServer}
     */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == CouchDbServer.class;
    }

    /**
     * Supplies the shared server.
     *
     * @param parameterContext the parameter to resolve
     * @param extensionContext the current test context
     * @return {@link #sharedServer()}
     */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return sharedServer();
    }

    private static CouchDbServer startShared() {
        if (ExternalCouchDb.configured(System.getenv())) {
            return ExternalCouchDb.connect(System.getenv());
        }
        if (ContainerCouchDb.dockerAvailable()) {
            return ContainerCouchDb.start();
        }
        return startSharedDevServer();
    }

    private static CouchDbServer startSharedDevServer() {
        DevCouchDbProcess process = DevCouchDbProcess.start();
        try {
            CouchHttp http = new CouchHttp(process.url());
            BasicCredentials admin = AdminSetup.createAdmin(http);
            AdminSetup.ensureUsersDatabase(http, admin);
            return new CouchDbServer(process.url(), admin, SOURCE_DEV_SERVER, () -> { });
        } catch (RuntimeException e) {
            process.stop();
            throw e;
        }
    }
}
