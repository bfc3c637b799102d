package io.couchgate.bootstrap.config;

import io.couchgate.domain.AppDatabase;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.HashParameters;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * couchgate's configuration as plain values, read once at start from {@code couchgate.*} keys (see README).
 *
 * @param couchDbUrl {@code couchgate.couchdb.url}
 * @param connectTimeout {@code couchgate.couchdb.connect-timeout}
 * @param readTimeout {@code couchgate.couchdb.read-timeout}: the {@code /database} proxy's longest wait for CouchDB
 * @param requestTimeout {@code couchgate.couchdb.request-timeout}: the longest couchgate's own requests to CouchDB
 *                       (accounts, sessions, leases, provisioning) wait for an answer, so that every {@code /api}
 *                       call ends within about this when CouchDB accepts connections but answers nothing
 * @param caFile {@code couchgate.couchdb.tls.ca-file}: extra PEM CA for an https CouchDB
 * @param allowInsecure {@code couchgate.couchdb.tls.allow-insecure}: allow plain http to a non-loopback host
 * @param bootstrapAdmin from the environment only: an existing CouchDB admin for the first start
 * @param dataDir {@code couchgate.data-dir}
 * @param databases {@code couchgate.databases}: name to policy
 * @param sessionTtl {@code couchgate.sessions.ttl}
 * @param reaperInterval {@code couchgate.sessions.reaper-interval}
 * @param signupEnabled {@code couchgate.signup.enabled}
 * @param passwordMinLength {@code couchgate.password.min-length}, characters
 * @param passwordMinEntropyBits {@code couchgate.password.min-entropy-bits}
 * @param argon2 {@code couchgate.password.argon2.{memory-kib,iterations,parallelism}}
 */
public record CouchgateSettings(URI couchDbUrl, Duration connectTimeout, Duration readTimeout,
                                Duration requestTimeout, Optional<Path> caFile, boolean allowInsecure,
                                Optional<CouchCredentials> bootstrapAdmin, Path dataDir,
                                List<AppDatabase> databases, Duration sessionTtl, Duration reaperInterval,
                                boolean signupEnabled, int passwordMinLength, double passwordMinEntropyBits,
                                HashParameters argon2) {

    @Override
    public String toString() {
        return "CouchgateSettings[couchDbUrl=" + couchDbUrl + ", dataDir=" + dataDir + ", databases=" + databases
                + ", bootstrapAdmin=" + bootstrapAdmin.map(a -> a.name() + " (password redacted)").orElse("none")
                + "]";
    }
}
