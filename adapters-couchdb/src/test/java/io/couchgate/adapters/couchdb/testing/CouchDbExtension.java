package io.couchgate.adapters.couchdb.testing;

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
     * Starts a new embedded dev server of its own, still in admin party (no admin), whatever server
     * the shared one is; for tests of couchgate's first start. Close it when done (it also stops when
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
