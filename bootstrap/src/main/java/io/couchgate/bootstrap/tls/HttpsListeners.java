package io.couchgate.bootstrap.tls;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration.NettyListenerConfiguration;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With HTTPS on, replaces Micronaut's implicit listeners by two explicit ones: HTTPS on {@code micronaut.server.host}
 * at {@code couchgate.tls.port} with the {@link CouchgateCertificateProvider}'s key, and plain HTTP at
 * {@code micronaut.server.port} bound to 127.0.0.1 only (for development and local health checks), so a host such
 * as 0.0.0.0 never exposes plain HTTP. Listeners configured explicitly under
 * {@code micronaut.server.netty.listeners} are left alone.
 */
@Singleton
@Requires(property = "couchgate.tls.enabled", value = "true")
final class HttpsListeners implements BeanCreatedEventListener<NettyHttpServerConfiguration> {

    /** Host the plain HTTP listener binds to while HTTPS is on. */
    static final String LOOPBACK = "127.0.0.1";

    private static final Logger LOG = LoggerFactory.getLogger(HttpsListeners.class);

    private final TlsSettings settings;

    HttpsListeners(TlsSettings settings) {
        this.settings = settings;
    }

    @Override
    public NettyHttpServerConfiguration onCreated(BeanCreatedEvent<NettyHttpServerConfiguration> event) {
        NettyHttpServerConfiguration server = event.getBean();
        if (server.getListeners() != null) {
            LOG.info("micronaut.server.netty.listeners is set; couchgate.tls.port is not used");
            return server;
        }
        String host = server.getHost().orElse(null);
        int httpPort = server.getPort().orElse(8080);
        server.setListeners(List.of(
                NettyListenerConfiguration.createTcp(host, settings.port(), true, CouchgateCertificateProvider.NAME,
                        null),
                NettyListenerConfiguration.createTcp(LOOPBACK, httpPort, false, null, null)));
        return server;
    }
}
