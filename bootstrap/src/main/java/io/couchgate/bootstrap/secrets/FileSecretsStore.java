package io.couchgate.bootstrap.secrets;

import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Secrets;
import io.couchgate.domain.port.RandomSource;
import io.couchgate.domain.port.SecretsStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link Secrets} in {@code <data-dir>/secrets.properties} ({@link SecretsFileFormat}): mode 0600 in a folder
 * of mode 0700, written atomically (temporary file in the same folder, fsync, rename, fsync of the folder). Refuses
 * to load a file or folder that group or others may read, as ssh does with keys. A file written by an earlier
 * version, without {@code session-key} and {@code deployment-id}, gets them (random) on load, written the same
 * atomic way before the secrets are returned.
 */
public final class FileSecretsStore implements SecretsStore {

    /** Name of the secrets file inside the data folder. */
    public static final String FILE_NAME = "secrets.properties";

    private static final Logger LOG = LoggerFactory.getLogger(FileSecretsStore.class);
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path dataDir;
    private final Path file;
    private final RandomSource random;

    /**
     * @param dataDir the data folder ({@code couchgate.data-dir}); made with mode 0700 when missing
     * @param random source of the session key added to a file of an earlier version
     */
    public FileSecretsStore(Path dataDir, RandomSource random) {
        this.dataDir = dataDir.toAbsolutePath();
        this.file = this.dataDir.resolve(FILE_NAME);
        this.random = Objects.requireNonNull(random, "random");
    }

    /** @param dataDir the data folder; keys added on upgrade come from a {@link SecureRandomSource} */
    public FileSecretsStore(Path dataDir) {
        this(dataDir, new SecureRandomSource());
    }

    /** @return the secrets file's path */
    public Path file() {
        return file;
    }

    @Override
    public String location() {
        return file.toString();
    }

    /**
     * @throws IllegalStateException naming the file and the key that is missing or invalid (never its value)
     */
    @Override
    public Optional<Secrets> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        requireOwnerOnly(file, OWNER_FILE, "chmod 600");
        requireOwnerOnly(dataDir, OWNER_DIR, "chmod 700");
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the secrets file " + file + ": " + e.getMessage());
        }
        List<String> added = SecretsFileFormat.missingSinceUpgrade(p);
        Secrets secrets = parse(withUpgrade(p, added));
        if (!added.isEmpty()) {
            save(secrets);
            LOG.info("added {} to {}", String.join(" and ", added), file);
        }
        return Optional.of(secrets);
    }

    private Properties withUpgrade(Properties p, List<String> missing) {
        Properties upgraded = new Properties();
        upgraded.putAll(p);
        if (missing.contains(SecretsFileFormat.SESSION_KEY)) {
            upgraded.setProperty(SecretsFileFormat.SESSION_KEY,
                    Base64.getUrlEncoder().withoutPadding().encodeToString(random.bytes(Secrets.SESSION_KEY_BYTES)));
        }
        if (missing.contains(SecretsFileFormat.DEPLOYMENT_ID)) {
            upgraded.setProperty(SecretsFileFormat.DEPLOYMENT_ID, InstanceId.random().toString());
        }
        return upgraded;
    }

    private Secrets parse(Properties p) {
        try {
            return SecretsFileFormat.read(p);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the secrets file " + file + ": " + e.getMessage());
        }
    }

    /**
     * @throws IllegalStateException naming the file and the I/O failure (the port's contract; never a secret)
     */
    @Override
    public void save(Secrets secrets) {
        try {
            Files.createDirectories(dataDir);
            Files.setPosixFilePermissions(dataDir, OWNER_DIR);
            Path tmp = Files.createTempFile(dataDir, ".secrets-", ".tmp",
                    PosixFilePermissions.asFileAttribute(OWNER_FILE));
            try {
                write(tmp, secrets);
                move(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
            fsync(dataDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the secrets file " + file + ": " + e, e);
        }
    }

    private static void write(Path tmp, Secrets secrets) throws IOException {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(StandardCharsets.UTF_8.encode(SecretsFileFormat.write(secrets)));
            ch.force(true);
        }
    }

    private void move(Path tmp) throws IOException {
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the data folder does not support atomic renames", e);
        }
    }

    private static void fsync(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems cannot fsync a folder; the rename itself is still atomic.
        }
    }

    private static void requireOwnerOnly(Path path, Set<PosixFilePermission> allowed, String fix) {
        try {
            Set<PosixFilePermission> actual = Files.getPosixFilePermissions(path);
            if (!allowed.containsAll(actual)) {
                throw new InsecureSecretsException(path + " is accessible by group or others (mode "
                        + PosixFilePermissions.toString(actual) + "); run: " + fix + " " + path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the permissions of " + path, e);
        }
    }
}
