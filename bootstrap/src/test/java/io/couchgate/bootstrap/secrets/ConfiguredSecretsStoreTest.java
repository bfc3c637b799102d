package io.couchgate.bootstrap.secrets;

import static io.couchgate.bootstrap.secrets.ConfiguredSecretsTest.ADMIN_PASSWORD;
import static io.couchgate.bootstrap.secrets.ConfiguredSecretsTest.DEPLOYMENT_ID;
import static io.couchgate.bootstrap.secrets.ConfiguredSecretsTest.JWT;
import static io.couchgate.bootstrap.secrets.ConfiguredSecretsTest.SESSION_KEY;
import static io.couchgate.bootstrap.secrets.ConfiguredSecretsTest.allFive;
import static io.couchgate.bootstrap.secrets.ConfiguredSecretsTest.filled;
import static io.couchgate.bootstrap.secrets.ConfiguredSecretsTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.application.provisioning.ProvisionServerService;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Secrets;
import io.couchgate.domain.port.testing.CountingRandomSource;
import io.couchgate.domain.port.testing.FakeServerProvisioner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfiguredSecretsStoreTest {

    private static final CouchCredentials FILE_ADMIN = new CouchCredentials("couchgate-admin-file1234", "file-pw");
    private static final InstanceId FILE_DEPLOYMENT = InstanceId.parse("11111111-2222-4333-8444-555555555555");

    @TempDir
    Path tmp;

    private final FakeServerProvisioner couch = new FakeServerProvisioner();

    @Test
    void configuredKeysAndId_winOverTheFile_whoseAdminAndStateStay() {
        FileSecretsStore file = new FileSecretsStore(tmp.resolve("data"));
        file.save(fileSecrets());

        Secrets loaded = store(file, Map.of(ConfiguredSecrets.JWT_SECRET, JWT, ConfiguredSecrets.SESSION_KEY,
                SESSION_KEY, ConfiguredSecrets.DEPLOYMENT_ID, DEPLOYMENT_ID)).load().orElseThrow();

        assertThat(loaded).isEqualTo(new Secrets(filled(48, 1), filled(32, 2), InstanceId.parse(DEPLOYMENT_ID),
                FILE_ADMIN, Secrets.State.ACTIVE));
        assertThat(store(file, Map.of(ConfiguredSecrets.SESSION_KEY, SESSION_KEY)).load().orElseThrow())
                .isEqualTo(new Secrets(filled(40, 9), filled(32, 2), FILE_DEPLOYMENT, FILE_ADMIN,
                        Secrets.State.ACTIVE));
    }

    @Test
    void save_writesTheFilesOwnValues_neverTheConfiguredOnes() throws Exception {
        FileSecretsStore file = new FileSecretsStore(tmp.resolve("data"));
        Secrets own = new Secrets(filled(40, 9), filled(32, 8), FILE_DEPLOYMENT, FILE_ADMIN, Secrets.State.PENDING);
        file.save(own);
        ConfiguredSecretsStore store = store(file, Map.of(ConfiguredSecrets.JWT_SECRET, JWT,
                ConfiguredSecrets.SESSION_KEY, SESSION_KEY, ConfiguredSecrets.DEPLOYMENT_ID, DEPLOYMENT_ID));

        store.save(store.load().orElseThrow().activate());

        assertThat(file.load()).contains(own.activate());
        assertHoldsNoConfiguredValue(file.file());
    }

    @Test
    void firstStart_withSomeSecretsConfigured_usesThemAtOnce_andNeverWritesThem() throws Exception {
        FileSecretsStore file = new FileSecretsStore(tmp.resolve("data"));
        Map<String, String> configured = Map.of(ConfiguredSecrets.JWT_SECRET, JWT, ConfiguredSecrets.SESSION_KEY,
                SESSION_KEY);

        Secrets first = provision(store(file, configured));

        assertThat(first.jwtSecret()).isEqualTo(filled(48, 1));
        assertThat(first.sessionKey()).isEqualTo(filled(32, 2));
        assertThat(first.state()).isEqualTo(Secrets.State.ACTIVE);
        assertThat(couch.adminNames()).containsExactly(first.admin().name());
        assertHoldsNoConfiguredValue(file.file());
        Secrets onDisk = file.load().orElseThrow();
        assertThat(onDisk.admin()).isEqualTo(first.admin());
        assertThat(onDisk.deploymentId()).isEqualTo(first.deploymentId());
        assertThat(provision(store(new FileSecretsStore(tmp.resolve("data")), configured))).isEqualTo(first);
    }

    @Test
    void allFiveConfigured_needNoFile_andTwoInstancesWithEmptyFoldersGetTheSameSecrets() throws Exception {
        Path dataA = tmp.resolve("a");
        Path dataB = tmp.resolve("b");

        Secrets a = provision(store(new FileSecretsStore(dataA), allFive(Map.of())));
        Secrets b = provision(store(new FileSecretsStore(dataB), allFive(Map.of())));

        Secrets expected = new Secrets(filled(48, 1), filled(32, 2), InstanceId.parse(DEPLOYMENT_ID),
                new CouchCredentials("couchgate-admin-cfg", ADMIN_PASSWORD), Secrets.State.ACTIVE);
        assertThat(a).isEqualTo(expected);
        assertThat(b).isEqualTo(expected);
        assertThat(couch.adminNames()).containsExactly("couchgate-admin-cfg");
        assertThat(dataA).doesNotExist();
        assertThat(dataB).doesNotExist();
    }

    @Test
    void allFiveConfigured_ignoreAnExistingFile_evenOneOpenToOthers() throws Exception {
        FileSecretsStore file = new FileSecretsStore(tmp.resolve("data"));
        file.save(fileSecrets());
        Files.setPosixFilePermissions(file.file(), PosixFilePermissions.fromString("rw-r--r--"));
        byte[] before = Files.readAllBytes(file.file());
        ConfiguredSecretsStore store = store(file, allFive(Map.of()));

        Secrets loaded = store.load().orElseThrow();
        store.save(loaded.activate());

        assertThat(loaded.admin().name()).isEqualTo("couchgate-admin-cfg");
        assertThat(loaded.state()).isEqualTo(Secrets.State.PENDING);
        assertThat(store.load().orElseThrow().state()).isEqualTo(Secrets.State.ACTIVE);
        assertThat(Files.readAllBytes(file.file())).isEqualTo(before);
        assertThat(store.location()).isEqualTo("the couchgate.secrets.* configuration");
    }

    private Secrets provision(ConfiguredSecretsStore store) {
        return new ProvisionServerService(store, couch, new CountingRandomSource(), Optional.empty(), List.of(),
                duration -> { }).provision();
    }

    private static Secrets fileSecrets() {
        return new Secrets(filled(40, 9), filled(32, 8), FILE_DEPLOYMENT, FILE_ADMIN, Secrets.State.ACTIVE);
    }

    private static ConfiguredSecretsStore store(FileSecretsStore file, Map<String, String> configured) {
        return new ConfiguredSecretsStore(file, parse(configured), new SecureRandomSource());
    }

    private static void assertHoldsNoConfiguredValue(Path file) throws Exception {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain(JWT).doesNotContain(SESSION_KEY)
                .doesNotContain(Base64.getUrlEncoder().encodeToString(filled(48, 1)))
                .doesNotContain(Base64.getUrlEncoder().encodeToString(filled(32, 2)))
                .doesNotContain(DEPLOYMENT_ID)
                .doesNotContain(ADMIN_PASSWORD)
                .contains("session-key=").contains("jwt-secret=").contains("deployment-id=");
    }
}
