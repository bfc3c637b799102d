package io.couchgate.bootstrap.tls;

import io.couchgate.bootstrap.ConfigurationException;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * HTTPS serving settings, bound from {@code couchgate.tls.*} (each also settable as {@code COUCHGATE_TLS_*}).
 *
 * @param enabled          serve HTTPS on {@code port}; plain HTTP then listens on loopback only
 * @param selfSigned       make (at first start) and reuse a self-signed certificate kept in {@code couchgate.data-dir}
 * @param hostNames        DNS names and IP addresses the self-signed certificate is valid for
 * @param certificateFile  PEM certificate chain, leaf first (with {@code keyFile})
 * @param keyFile          PEM private key, unencrypted PKCS#8, PKCS#1 or SEC1 (with {@code certificateFile})
 * @param keyStore         PKCS#12 key store holding one private key and its chain
 * @param keyStorePassword password of {@code keyStore} and of its key
 * @param port             HTTPS port; -1 picks a free one (tests)
 */
@ConfigurationProperties("couchgate.tls")
record TlsSettings(
        @Bindable(defaultValue = "false") boolean enabled,
        @Bindable(defaultValue = "false") boolean selfSigned,
        @Bindable(defaultValue = "localhost,127.0.0.1") List<String> hostNames,
        @Nullable Path certificateFile,
        @Nullable Path keyFile,
        @Nullable Path keyStore,
        @Nullable String keyStorePassword,
        @Bindable(defaultValue = "8443") int port) {

    /** Where the server's key and certificate come from. */
    enum Source { SELF_SIGNED, PEM_FILES, KEY_STORE }

    /**
     * @return the one configured source of key material; empty when HTTPS is off
     * @throws ConfigurationException when HTTPS is off but a source is set, when it is on with none or several, or
     *                                when only one of the PEM files is given
     */
    Optional<Source> source() {
        boolean pem = certificateFile != null || keyFile != null;
        int count = (selfSigned ? 1 : 0) + (pem ? 1 : 0) + (keyStore != null ? 1 : 0);
        if (!enabled) {
            if (count == 0) {
                return Optional.empty();
            }
            throw new ConfigurationException("couchgate.tls has a certificate source but couchgate.tls.enabled is "
                    + "false; set COUCHGATE_TLS_ENABLED=true to serve HTTPS, or remove the source");
        }
        if (count != 1) {
            throw new ConfigurationException("couchgate.tls.enabled is true: set exactly one of "
                    + "couchgate.tls.self-signed=true, couchgate.tls.certificate-file + couchgate.tls.key-file, "
                    + "or couchgate.tls.key-store (+ key-store-password)");
        }
        if (pem && (certificateFile == null || keyFile == null)) {
            throw new ConfigurationException("couchgate.tls.certificate-file and couchgate.tls.key-file go together; "
                    + "set both");
        }
        return Optional.of(selfSigned ? Source.SELF_SIGNED : pem ? Source.PEM_FILES : Source.KEY_STORE);
    }

    @Override
    public String toString() {
        return "TlsSettings[enabled=" + enabled + ", selfSigned=" + selfSigned + ", hostNames=" + hostNames
                + ", certificateFile=" + certificateFile + ", keyFile=" + keyFile + ", keyStore=" + keyStore
                + ", keyStorePassword=" + (keyStorePassword == null ? "unset" : "***") + ", port=" + port + "]";
    }
}
