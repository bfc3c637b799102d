package io.couchgate.bootstrap.secrets;

import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.Secrets;
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
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Keeps {@link Secrets} in {@code <data-dir>/secrets.properties}: mode 0600 in a folder of mode 0700, written
 * atomically (temporary file in the same folder, fsync, rename, fsync of the folder). Refuses to load a file or
 * folder that group or others may read, as ssh does with keys.
 */
public final class FileSecretsStore implements SecretsStore {

    /** Name of the secrets file inside the data folder. */
    public static final String FILE_NAME = "secrets.properties";

    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path dataDir;
    private final Path file;

    /** @param dataDir the data folder ({@code couchgate.data-dir}); made with mode 0700 when missing */
    public FileSecretsStore(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath();
        this.file = this.dataDir.resolve(FILE_NAME);
    }

    /** @return the secrets file's path */
    public Path file() {
        return file;
    }

    @Override
    public String location() {
        return file.toString();
    }

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
            return Optional.of(new Secrets(Base64.getUrlDecoder().decode(required(p, "jwt-secret")),
                    new CouchCredentials(required(p, "admin.name"), required(p, "admin.password")),
                    Secrets.State.valueOf(required(p, "state"))));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the secrets file " + file + ": " + e.getMessage());
        }
    }

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
            throw new UncheckedIOException("cannot write the secrets file " + file, e);
        }
    }

    private static void write(Path tmp, Secrets secrets) throws IOException {
        String text = "# couchgate secrets: keep this file private (mode 0600)\n"
                + "state=" + secrets.state() + "\n"
                + "jwt-secret=" + Base64.getUrlEncoder().withoutPadding().encodeToString(secrets.jwtSecret()) + "\n"
                + "admin.name=" + escape(secrets.admin().name()) + "\n"
                + "admin.password=" + escape(secrets.admin().password()) + "\n";
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(StandardCharsets.UTF_8.encode(text));
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

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("missing key " + key);
        }
        return v;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }
}
