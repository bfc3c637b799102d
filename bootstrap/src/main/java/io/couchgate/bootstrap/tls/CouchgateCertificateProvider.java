package io.couchgate.bootstrap.tls;

import io.couchgate.bootstrap.admin.AdminEnvironment;
import io.couchgate.bootstrap.ConfigurationException;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.ssl.CertificateProvider;
import jakarta.inject.Named;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Instant;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS listener's key and certificate, as a Micronaut {@link CertificateProvider} named {@value #NAME}
 * (the listener refers to it by that name, see {@link HttpsListeners}). Loaded once when the context starts, so a
 * missing or unreadable file stops the start with one clear line instead of failing later in the first handshake.
 */
@Requires(notEnv = AdminEnvironment.NAME)
@Context
@Named(CouchgateCertificateProvider.NAME)
@Requires(property = "couchgate.tls.enabled", value = "true")
final class CouchgateCertificateProvider implements CertificateProvider {

    /** Bean name the HTTPS listener's {@code key-name} refers to. */
    static final String NAME = "couchgate";

    private static final Logger LOG = LoggerFactory.getLogger(CouchgateCertificateProvider.class);

    private final KeyStore keyStore;

    CouchgateCertificateProvider(TlsSettings settings, @Value("${couchgate.data-dir:data}") Path dataDir) {
        KeyMaterial material = load(settings, dataDir, Instant.now());
        this.keyStore = toKeyStore(material);
        LOG.info("HTTPS on port {} with the certificate for {}, valid until {}, SHA-256 fingerprint {}",
                settings.port(), material.leaf().getSubjectX500Principal().getName(),
                material.leaf().getNotAfter().toInstant(), material.fingerprint());
    }

    /**
     * @param settings the {@code couchgate.tls} settings
     * @param dataDir  the data folder, where a self-signed certificate is kept
     * @param now      the current instant
     * @return the server's key and chain from the one configured source
     * @throws ConfigurationException when the settings are inconsistent or the source cannot be read
     */
    static KeyMaterial load(TlsSettings settings, Path dataDir, Instant now) {
        TlsSettings.Source source = settings.source()
                .orElseThrow(() -> new ConfigurationException("couchgate.tls.enabled is false"));
        KeyMaterial material;
        try {
            material = switch (source) {
                case SELF_SIGNED -> new SelfSignedStore(dataDir).loadOrCreate(settings.hostNames(), now);
                case PEM_FILES -> PemFiles.read(settings.keyFile(), settings.certificateFile());
                case KEY_STORE -> Pkcs12Files.read(settings.keyStore(), settings.keyStorePassword());
            };
        } catch (IllegalArgumentException | UncheckedIOException | IllegalStateException e) {
            throw new ConfigurationException("HTTPS cannot start: " + e.getMessage());
        }
        if (!material.keyMatchesCertificate()) {
            throw new ConfigurationException("HTTPS cannot start: the private key does not belong to the first "
                    + "certificate of the chain (check couchgate.tls.key-file / certificate-file or the key store)");
        }
        return material;
    }

    private static KeyStore toKeyStore(KeyMaterial material) {
        try {
            return material.toKeyStore();
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("HTTPS cannot start: " + e.getMessage());
        }
    }

    @Override
    public Publisher<KeyStore> getKeyStore() {
        return Publishers.just(keyStore);
    }

    @Override
    public String getName() {
        return NAME;
    }
}
