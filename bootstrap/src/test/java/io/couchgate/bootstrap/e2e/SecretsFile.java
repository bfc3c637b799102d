package io.couchgate.bootstrap.e2e;

import io.couchgate.bootstrap.secrets.FileSecretsStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A data folder's {@code secrets.properties} as an operator sees it: read as plain properties (so a test does not
 * depend on which keys {@link FileSecretsStore} knows yet), and copied into another instance's data folder with the
 * modes couchgate requires (0600 in a 0700 folder), which makes that instance share the first one's secrets.
 */
final class SecretsFile {

    private SecretsFile() {
    }

    /**
     * @param dataDir a data folder after couchgate's first start there
     * @param key e.g. {@code admin.name}, {@code admin.password}, {@code deployment-id}
     * @return the value
     * @throws IllegalStateException when the file or the key is missing
     */
    static String value(Path dataDir, String key) {
        Properties p = new Properties();
        try (var in = Files.newInputStream(dataDir.resolve(FileSecretsStore.FILE_NAME))) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("no " + key + " in " + dataDir.resolve(FileSecretsStore.FILE_NAME));
        }
        return value;
    }

    /**
     * Replaces one value as an operator does in an editor: the {@code key=...} line is rewritten, every other line
     * (comments included) stays as it was, and so does the file's mode.
     *
     * @param dataDir a data folder after couchgate's first start there
     * @param key e.g. {@code jwt-secret}, {@code admin.password}
     * @param value the new value (no character that .properties would need to escape)
     * @throws IllegalStateException when the file holds no such line
     */
    static void set(Path dataDir, String key, String value) throws IOException {
        Path file = dataDir.resolve(FileSecretsStore.FILE_NAME);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        int replaced = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(key + "=")) {
                lines.set(i, key + "=" + value);
                replaced++;
            }
        }
        if (replaced != 1) {
            throw new IllegalStateException(file + " holds " + replaced + " lines " + key + "=..., not 1");
        }
        Files.write(file, lines);
    }

    /** @return the deployment id of the durable session mode (the {@code iid} claim, the session users' segment) */
    static String deploymentId(Path dataDir) {
        return value(dataDir, "deployment-id");
    }

    /**
     * @param from a data folder after couchgate's first start there
     * @param to another instance's data folder (made with mode 0700); its secrets file becomes a copy (mode 0600)
     */
    static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwx------"));
        Path target = to.resolve(FileSecretsStore.FILE_NAME);
        Files.copy(from.resolve(FileSecretsStore.FILE_NAME), target);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
    }
}
