package io.couchgate.bootstrap.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the self-signed certificate in the data folder as {@value #CERTIFICATE_FILE} and {@value #KEY_FILE} (both
 * mode 0600; the folder is made with mode 0700 when missing). Reuses them while they are intact, match each
 * other, cover every configured host name and stay valid for at least {@link #RENEW_BEFORE}; otherwise makes new
 * ones (so a crash between the two writes, a changed host list or an expiring certificate repair themselves).
 */
final class SelfSignedStore {

    /** The certificate (PEM); give it to clients that should trust this server. */
    static final String CERTIFICATE_FILE = "tls-self-signed-cert.pem";
    /** The private key (PEM, PKCS#8). */
    static final String KEY_FILE = "tls-self-signed-key.pem";
    /** A certificate that expires sooner than this is replaced at start. */
    static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private static final Logger LOG = LoggerFactory.getLogger(SelfSignedStore.class);

    private final Path certificateFile;
    private final Path keyFile;

    /** @param dataDir the data folder ({@code couchgate.data-dir}) */
    SelfSignedStore(Path dataDir) {
        Path dir = dataDir.toAbsolutePath();
        this.certificateFile = dir.resolve(CERTIFICATE_FILE);
        this.keyFile = dir.resolve(KEY_FILE);
    }

    /** @return the certificate file's path */
    Path certificateFile() {
        return certificateFile;
    }

    /** @return the key file's path */
    Path keyFile() {
        return keyFile;
    }

    /**
     * @param hostNames names the certificate must cover
     * @param now       the current instant
     * @return the kept key and certificate, or new ones (then written to the data folder)
     */
    KeyMaterial loadOrCreate(List<String> hostNames, Instant now) {
        if (Files.exists(keyFile) && Files.exists(certificateFile)) {
            try {
                KeyMaterial kept = PemFiles.read(keyFile, certificateFile);
                if (kept.keyMatchesCertificate() && kept.coversAt(hostNames, now.plus(RENEW_BEFORE))) {
                    return kept;
                }
            } catch (IllegalArgumentException e) {
                LOG.warn("Replacing the unreadable self-signed certificate: {}", e.getMessage());
            }
        }
        KeyMaterial made = SelfSignedCertificate.create(hostNames, now);
        createDataDir();
        PemFiles.write(made, keyFile, certificateFile);
        LOG.info("Made a self-signed TLS certificate for {} valid until {}: {} (trust this file in clients)",
                hostNames, made.leaf().getNotAfter().toInstant(), certificateFile);
        return made;
    }

    private void createDataDir() {
        Path dir = keyFile.getParent();
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the data folder " + dir, e);
        }
    }
}
