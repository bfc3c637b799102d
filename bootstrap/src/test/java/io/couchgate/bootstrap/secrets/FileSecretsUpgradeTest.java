package io.couchgate.bootstrap.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.Secrets;
import io.couchgate.domain.port.testing.CountingRandomSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A secrets file written by a version before the durable session mode, and files with invalid new keys. */
class FileSecretsUpgradeTest {

    private static final String JWT = Base64.getUrlEncoder().withoutPadding().encodeToString(filled(32, 0x41));
    private static final String ADMIN_PASSWORD = "old-admin-p@ss=word";

    @TempDir
    Path tmp;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(FileSecretsStore.class);
    private Path dir;
    private FileSecretsStore store;

    @BeforeEach
    void setUp() throws Exception {
        dir = tmp.resolve("data");
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        store = new FileSecretsStore(dir, new CountingRandomSource());
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void tearDown() {
        logger.detachAppender(log);
    }

    @Test
    void anOldFile_getsASessionKeyAndADeploymentId_inPlace_keepingItsValuesAndMode() throws Exception {
        writeOwnerOnly("# couchgate secrets: keep this file private (mode 0600)\nstate=ACTIVE\njwt-secret=" + JWT
                + "\nadmin.name=couchgate-admin-abcd1234\nadmin.password=" + ADMIN_PASSWORD + "\n");

        Secrets upgraded = store.load().orElseThrow();

        assertThat(upgraded.jwtSecret()).isEqualTo(filled(32, 0x41));
        assertThat(upgraded.admin()).isEqualTo(new CouchCredentials("couchgate-admin-abcd1234", ADMIN_PASSWORD));
        assertThat(upgraded.state()).isEqualTo(Secrets.State.ACTIVE);
        assertThat(upgraded.sessionKey()).hasSize(32);
        Properties onDisk = read();
        assertThat(onDisk.stringPropertyNames()).containsExactlyInAnyOrder("state", "jwt-secret", "session-key",
                "deployment-id", "admin.name", "admin.password");
        assertThat(onDisk.getProperty("jwt-secret")).isEqualTo(JWT);
        assertThat(onDisk.getProperty("admin.password")).isEqualTo(ADMIN_PASSWORD);
        assertThat(onDisk.getProperty("state")).isEqualTo("ACTIVE");
        assertThat(Base64.getUrlDecoder().decode(onDisk.getProperty("session-key"))).isEqualTo(upgraded.sessionKey());
        assertThat(onDisk.getProperty("deployment-id")).isEqualTo(upgraded.deploymentId().toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("secrets.properties");
        }
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("added session-key and deployment-id to " + store.file());
    }

    @Test
    void theUpgradedFile_loadsAgainWithTheSameKeyAndId_withoutAnotherWrite() throws Exception {
        writeOwnerOnly("state=PENDING\njwt-secret=" + JWT + "\nadmin.name=a\nadmin.password=b\n");
        Secrets first = store.load().orElseThrow();
        byte[] bytes = Files.readAllBytes(store.file());

        Secrets second = new FileSecretsStore(dir, new CountingRandomSource()).load().orElseThrow();

        assertThat(second).isEqualTo(first);
        assertThat(Files.readAllBytes(store.file())).isEqualTo(bytes);
        assertThat(log.list).hasSize(1);
    }

    @Test
    void aFileWithOnlyTheSessionKeyMissing_getsOnlyThat() throws Exception {
        writeOwnerOnly("state=PENDING\njwt-secret=" + JWT + "\ndeployment-id=6a1f0c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b\n"
                + "admin.name=a\nadmin.password=b\n");

        Secrets upgraded = store.load().orElseThrow();

        assertThat(upgraded.deploymentId()).hasToString("6a1f0c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b");
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("added session-key to " + store.file());
    }

    @Test
    void aSessionKeyOfTheWrongLength_isRefused_namingTheKeyButNotItsValue() throws Exception {
        String shortKey = Base64.getUrlEncoder().withoutPadding().encodeToString(filled(16, 0x42));
        writeOwnerOnly("state=ACTIVE\njwt-secret=" + JWT + "\nsession-key=" + shortKey
                + "\ndeployment-id=6a1f0c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b\nadmin.name=a\nadmin.password=b\n");
        byte[] before = Files.readAllBytes(store.file());

        assertThatThrownBy(store::load)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot read the secrets file " + store.file()
                        + ": session-key must be exactly 32 bytes, was 16")
                .hasMessageNotContaining(shortKey);
        assertThat(Files.readAllBytes(store.file())).isEqualTo(before);
    }

    @Test
    void invalidNewKeys_areRefused_namingTheKeyButNotItsValue() throws Exception {
        writeOwnerOnly("state=ACTIVE\njwt-secret=" + JWT + "\nsession-key=not*base64\n"
                + "deployment-id=6a1f0c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b\nadmin.name=a\nadmin.password=b\n");
        assertThatThrownBy(store::load).hasMessageEndingWith(": session-key is not base64url")
                .hasMessageNotContaining("not*base64");

        writeOwnerOnly("state=ACTIVE\njwt-secret=" + JWT + "\nsession-key=" + JWT
                + "\ndeployment-id=deployment-42\nadmin.name=a\nadmin.password=b\n");
        assertThatThrownBy(store::load).hasMessageEndingWith(": deployment-id is not a UUID")
                .hasMessageNotContaining("deployment-42");
    }

    private void writeOwnerOnly(String text) throws Exception {
        Files.deleteIfExists(store.file());
        Files.createFile(store.file(),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(store.file(), text, StandardCharsets.UTF_8);
    }

    private Properties read() throws Exception {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(store.file(), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    private static byte[] filled(int length, int value) {
        byte[] out = new byte[length];
        Arrays.fill(out, (byte) value);
        return out;
    }
}
