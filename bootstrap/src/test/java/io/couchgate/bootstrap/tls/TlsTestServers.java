package io.couchgate.bootstrap.tls;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.io.socket.SocketUtils;
import io.micronaut.http.server.exceptions.ServerStartupException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts an embedded server in the {@value #ENVIRONMENT} environment with HTTPS on a random port and plain HTTP on
 * a free loopback port. Only couchgate's TLS beans and {@link PingController} matter there.
 */
final class TlsTestServers {

    /** Environment of every TLS test context. */
    static final String ENVIRONMENT = "tls-test";

    private TlsTestServers() {
    }

    /**
     * @param dataDir the data folder
     * @param tls     extra {@code couchgate.tls.*} (and other) properties; {@code couchgate.tls.enabled} is set
     * @return the started server; {@code getPort()} is the HTTPS port, {@link #httpPort} the plain one
     */
    static EmbeddedServer start(Path dataDir, Map<String, Object> tls) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("couchgate.data-dir", dataDir.toString());
        // couchgate takes charge of a real CouchDB at every start; the shared test server has an admin already.
        CouchDbServer couch = CouchDbExtension.sharedServer();
        properties.put("couchgate.couchdb.url", couch.url().toString());
        properties.put("couchgate.couchdb.bootstrap-admin.user", couch.adminUser().orElseThrow());
        properties.put("couchgate.couchdb.bootstrap-admin.password", couch.adminPassword().orElseThrow());
        properties.put("couchgate.couchdb.compatibility", couch.compatibility());
        properties.put("couchgate.tls.enabled", true);
        properties.put("couchgate.tls.port", -1);
        properties.putAll(tls);
        // The plain port is picked before the bind, so another process may take it in between (an outgoing
        // connection's ephemeral port, say): then pick again, a few times.
        for (int attempt = 1; ; attempt++) {
            properties.put("micronaut.server.port", SocketUtils.findAvailableTcpPort());
            try {
                return ApplicationContext.run(EmbeddedServer.class, properties, ENVIRONMENT);
            } catch (ServerStartupException e) {
                if (attempt == 3 || !(e.getCause() instanceof java.net.BindException)) {
                    throw e;
                }
            }
        }
    }

    /** @return the plain HTTP port of a server made by {@link #start} */
    static int httpPort(EmbeddedServer server) {
        return server.getApplicationContext().getProperty("micronaut.server.port", Integer.class).orElseThrow();
    }
}
