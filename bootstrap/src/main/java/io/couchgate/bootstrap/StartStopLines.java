package io.couchgate.bootstrap;

import io.couchgate.bootstrap.config.CouchgateSettings;
import io.couchgate.bootstrap.config.InstanceSettings;
import io.couchgate.domain.AppDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one INFO line at start (where couchgate listens, its CouchDB without credentials, its version, the session
 * mode and the databases) and the one at stop, on the logger {@code io.couchgate.bootstrap.Application}.
 */
final class StartStopLines {

    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private StartStopLines() {
    }

    /** @param context the started context, its server running */
    static void started(ApplicationContext context) {
        String listening = context.findBean(EmbeddedServer.class).map(server -> server.getURL().toString())
                .orElse("no HTTP server");
        CouchgateSettings settings = context.getBean(CouchgateSettings.class);
        InstanceSettings instances = context.getBean(InstanceSettings.class);
        String databases = settings.databases().stream().map(AppDatabase::name).collect(Collectors.joining(", "));
        LOG.info("couchgate {} listening on {}; CouchDB {}; sessions {}; databases {}", version(), listening,
                withoutUserInfo(settings.couchDbUrl()), instances.sessionStore(), databases);
    }

    /** Logged once the context is closed: requests answered, sessions and leases handled as the mode says. */
    static void stopped() {
        LOG.info("couchgate {} stopped", version());
    }

    /** @return the jar's {@code Implementation-Version}, or {@code dev} when run from classes */
    static String version() {
        String version = Application.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }

    /**
     * @param url a CouchDB URL, perhaps with {@code user:password@}
     * @return the URL without its user info (so never a password in a log line)
     */
    static String withoutUserInfo(URI url) {
        if (url.getRawUserInfo() == null) {
            return url.toString();
        }
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), null, null)
                    .toString();
        } catch (URISyntaxException e) {
            return url.getScheme() + "://" + url.getHost();
        }
    }
}
