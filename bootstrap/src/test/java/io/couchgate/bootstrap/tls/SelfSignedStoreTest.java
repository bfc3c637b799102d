package io.couchgate.bootstrap.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedStoreTest {

    private static final List<String> HOSTS = List.of("localhost", "127.0.0.1");
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void firstStart_writesKeyAndCertificate_withMode0600() throws Exception {
        SelfSignedStore store = new SelfSignedStore(dataDir);

        store.loadOrCreate(HOSTS, NOW);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.keyFile())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.certificateFile())))
                .isEqualTo("rw-------");
        assertThat(Files.readString(store.keyFile())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(store.certificateFile())).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void missingDataFolder_isMadeWithMode0700() throws Exception {
        Path fresh = dataDir.resolve("fresh");

        new SelfSignedStore(fresh).loadOrCreate(HOSTS, NOW);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rwx------");
    }

    @Test
    void certificate_listsDnsNamesAndIpAddresses_isEcP256_andValidForAYear() throws Exception {
        X509Certificate leaf = new SelfSignedStore(dataDir)
                .loadOrCreate(List.of("couch.example", "localhost", "127.0.0.1", "::1"), NOW).leaf();

        assertThat(leaf.getSubjectAlternativeNames()).containsExactly(
                List.of(2, "couch.example"), List.of(2, "localhost"), List.of(7, "127.0.0.1"),
                List.of(7, "0:0:0:0:0:0:0:1"));
        assertThat(leaf.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(leaf.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(NOW.plus(SelfSignedCertificate.VALIDITY));
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=couch.example,O=couchgate");
    }

    @Test
    void laterStart_reusesTheKeptCertificate() {
        KeyMaterial first = new SelfSignedStore(dataDir).loadOrCreate(HOSTS, NOW);

        KeyMaterial second = new SelfSignedStore(dataDir).loadOrCreate(HOSTS, NOW.plus(Duration.ofDays(100)));

        assertThat(second.leaf()).isEqualTo(first.leaf());
        assertThat(second.key().getEncoded()).isEqualTo(first.key().getEncoded());
    }

    @Test
    void changedHostNames_makeANewCertificate() throws Exception {
        KeyMaterial first = new SelfSignedStore(dataDir).loadOrCreate(HOSTS, NOW);

        KeyMaterial second = new SelfSignedStore(dataDir).loadOrCreate(List.of("localhost", "couch.lan"), NOW);

        assertThat(second.leaf()).isNotEqualTo(first.leaf());
        assertThat(second.leaf().getSubjectAlternativeNames())
                .containsExactly(List.of(2, "localhost"), List.of(2, "couch.lan"));
    }

    @Test
    void certificateExpiringWithinThirtyDays_isReplaced() {
        KeyMaterial first = new SelfSignedStore(dataDir).loadOrCreate(HOSTS, NOW);

        Instant late = NOW.plus(SelfSignedCertificate.VALIDITY).minus(Duration.ofDays(29));
        KeyMaterial second = new SelfSignedStore(dataDir).loadOrCreate(HOSTS, late);

        assertThat(second.leaf()).isNotEqualTo(first.leaf());
        assertThat(second.leaf().getNotAfter().toInstant()).isEqualTo(late.plus(SelfSignedCertificate.VALIDITY));
    }

    @Test
    void keyThatDoesNotMatchTheCertificate_asAfterACrashBetweenWrites_isReplacedByAMatchingPair() {
        SelfSignedStore store = new SelfSignedStore(dataDir);
        KeyMaterial first = store.loadOrCreate(HOSTS, NOW);
        KeyMaterial other = SelfSignedCertificate.create(HOSTS, NOW);
        PemFiles.write(other, store.keyFile(), dataDir.resolve("unused-cert.pem"));

        KeyMaterial repaired = store.loadOrCreate(HOSTS, NOW);

        assertThat(repaired.leaf()).isNotEqualTo(first.leaf()).isNotEqualTo(other.leaf());
        assertThat(repaired.keyMatchesCertificate()).isTrue();
        assertThat(PemFiles.read(store.keyFile(), store.certificateFile()).leaf()).isEqualTo(repaired.leaf());
    }
}
