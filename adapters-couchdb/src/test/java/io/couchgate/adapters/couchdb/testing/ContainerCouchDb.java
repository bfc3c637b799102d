package io.couchgate.adapters.couchdb.testing;

import java.net.URI;
import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/** Apache CouchDB 3 in a Testcontainers container, with an admin given through its environment. */
final class ContainerCouchDb {

    private static final int COUCHDB_PORT = 5984;

    private ContainerCouchDb() {
    }

    /**
     * Tells whether Testcontainers finds a Docker engine.
     *
     * @return {@code DockerClientFactory.instance().isDockerAvailable()}, or false when asking fails
     */
    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * Starts {@code couchdb:3} with a random admin ({@code COUCHDB_USER}/{@code COUCHDB_PASSWORD}),
     * waits for the admin's login and creates {@code _users}. The container stops when the JVM exits.
     *
     * @return the running server, with its admin
     */
    static CouchDbServer start() {
        BasicCredentials admin = AdminSetup.randomAdmin();
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse("couchdb:3"))
                .withEnv("COUCHDB_USER", admin.name())
                .withEnv("COUCHDB_PASSWORD", admin.password())
                .withExposedPorts(COUCHDB_PORT)
                .waitingFor(Wait.forHttp("/").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(3)));
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "couchdb-container-stop"));
        URI url = URI.create("http://" + container.getHost() + ":" + container.getMappedPort(COUCHDB_PORT));
        CouchHttp http = new CouchHttp(url);
        AdminSetup.awaitAdminLogin(http, admin);
        AdminSetup.ensureUsersDatabase(http, admin);
        return new CouchDbServer(url, admin, CouchDbExtension.SOURCE_TESTCONTAINERS, () -> { });
    }
}
