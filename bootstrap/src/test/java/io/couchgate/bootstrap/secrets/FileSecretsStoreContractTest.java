package io.couchgate.bootstrap.secrets;

import io.couchgate.domain.port.SecretsStore;
import io.couchgate.domain.port.testing.SecretsStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file secrets store keeps the secrets-store contract the fake {@code InMemorySecretsStore} keeps too, in a
 * temporary folder. Writes are refused by putting a plain file where the data folder is to be made (file modes
 * alone would not stop root, who runs these tests in containers).
 */
class FileSecretsStoreContractTest extends SecretsStoreContract {

    @TempDir
    Path tmp;

    private Path dataDir;

    @Override
    protected SecretsStore newStore() {
        dataDir = tmp.resolve("data");
        return new FileSecretsStore(dataDir);
    }

    @Override
    protected SecretsStore reopen() {
        return new FileSecretsStore(dataDir);
    }

    @Override
    protected void exposeToOthers() {
        chmod(dataDir.resolve(FileSecretsStore.FILE_NAME), "rw-r--r--");
    }

    @Override
    protected void makeOwnerOnly() {
        chmod(dataDir.resolve(FileSecretsStore.FILE_NAME), "rw-------");
    }

    @Override
    protected void corrupt() {
        try {
            Files.writeString(dataDir.resolve(FileSecretsStore.FILE_NAME), "jwt-secret=not base64!\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The store makes its folder on save: a plain file in the folder's place makes that fail. */
    @Override
    protected void refuseWrites() {
        try {
            Files.writeString(dataDir, "not a folder");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chmod(Path path, String mode) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
