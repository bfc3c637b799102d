package io.couchgate.bootstrap.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Secrets;
import io.couchgate.domain.port.SecretsStore.InsecureSecretsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSecretsStoreTest {

    @TempDir
    Path tmp;

    private final Secrets secrets = new Secrets(new SecureRandomSource().bytes(32), new SecureRandomSource().bytes(32),
            InstanceId.random(), new CouchCredentials("couchgate-admin-abcd1234", "p@ss=word:with\\odd"),
            Secrets.State.PENDING);

    @Test
    void load_beforeFirstSave_isEmpty() {
        assertThat(new FileSecretsStore(tmp.resolve("data")).load()).isEmpty();
    }

    @Test
    void save_thenLoad_returnsTheSameSecrets_inAnOwnerOnlyFileAndFolder() throws Exception {
        Path dir = tmp.resolve("data");
        FileSecretsStore store = new FileSecretsStore(dir);

        store.save(secrets);

        assertThat(store.load()).isEqualTo(Optional.of(secrets));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("secrets.properties");
        }
    }

    @Test
    void save_again_replacesTheState() {
        FileSecretsStore store = new FileSecretsStore(tmp.resolve("data"));
        store.save(secrets);

        store.save(secrets.activate());

        assertThat(store.load().orElseThrow().state()).isEqualTo(Secrets.State.ACTIVE);
    }

    @Test
    void load_ofAFileReadableByOthers_isRefused_namingTheFix() throws Exception {
        FileSecretsStore store = new FileSecretsStore(tmp.resolve("data"));
        store.save(secrets);
        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(store::load)
                .isInstanceOf(InsecureSecretsException.class)
                .hasMessage(store.file() + " is accessible by group or others (mode rw-r--r--); run: chmod 600 "
                        + store.file());
    }

    @Test
    void load_inAFolderOpenToOthers_isRefused() throws Exception {
        Path dir = tmp.resolve("data");
        FileSecretsStore store = new FileSecretsStore(dir);
        store.save(secrets);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThatThrownBy(store::load).isInstanceOf(InsecureSecretsException.class)
                .hasMessageContaining("run: chmod 700 " + dir);
    }

    /** README promises 0600 in 0700: a group bit alone is refused too, not only the bits of others. */
    @ParameterizedTest
    @ValueSource(strings = {"rw-r-----", "rw--w----", "rw----r--", "rwx------"})
    void load_ofAFileWithAnyBitBeyondOwnerReadWrite_isRefused(String mode) throws Exception {
        FileSecretsStore store = new FileSecretsStore(tmp.resolve("data"));
        store.save(secrets);
        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString(mode));

        assertThatThrownBy(store::load).isInstanceOf(InsecureSecretsException.class)
                .hasMessage(store.file() + " is accessible by group or others (mode " + mode + "); run: chmod 600 "
                        + store.file());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rwxr-x---", "rwx-w----", "rwx--x---"})
    void load_inAFolderWithAGroupBit_isRefused(String mode) throws Exception {
        Path dir = tmp.resolve("data");
        FileSecretsStore store = new FileSecretsStore(dir);
        store.save(secrets);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));

        assertThatThrownBy(store::load).isInstanceOf(InsecureSecretsException.class)
                .hasMessage(dir + " is accessible by group or others (mode " + mode + "); run: chmod 700 " + dir);
    }

    @Test
    void secretsFile_neverHoldsThePasswordInToString() {
        assertThat(secrets.toString()).doesNotContain("p@ss").doesNotContain("odd");
    }
}
