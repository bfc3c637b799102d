package io.couchgate.bootstrap.tls;

import io.couchgate.bootstrap.admin.AdminEnvironment;
import io.couchgate.domain.LoopbackHost;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the {@code couchgate.tls} settings when the context starts (an inconsistent set stops the start with one
 * line naming the keys) and warns once when plain HTTP would be reachable from other machines.
 */
@Requires(notEnv = AdminEnvironment.NAME)
@Context
final class TlsStartupCheck {

    private static final Logger LOG = LoggerFactory.getLogger(TlsStartupCheck.class);

    TlsStartupCheck(TlsSettings settings, @Value("${micronaut.server.host:}") @Nullable String host) {
        settings.source();
        plainHttpWarning(settings.enabled(), host).ifPresent(LOG::warn);
    }

    /**
     * @param tlsEnabled whether HTTPS is on (plain HTTP then listens on loopback only)
     * @param host       {@code micronaut.server.host}; blank means every interface
     * @return the warning to log, if plain HTTP is exposed beyond this machine
     */
    static Optional<String> plainHttpWarning(boolean tlsEnabled, @Nullable String host) {
        if (tlsEnabled || LoopbackHost.isLoopback(host)) {
            return Optional.empty();
        }
        String where = host == null || host.isBlank() ? "every network interface" : host;
        return Optional.of("couchgate serves plain HTTP on " + where + " without TLS: passwords and session tokens "
                + "cross the network readable. Set COUCHGATE_TLS_ENABLED=true with COUCHGATE_TLS_SELF_SIGNED=true "
                + "or a certificate (couchgate.tls.*), or put a TLS-terminating proxy in front and bind to 127.0.0.1.");
    }
}
