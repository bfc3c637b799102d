package io.couchgate.bootstrap.dependencies;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.PackageVersion;
import io.netty.util.Version;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The security updates pinned in the parent pom reach the class path: every Netty module at one version, none older
 * than 4.2.20.Final, and jackson-core not older than 2.23.0 (see the parent pom for the advisories).
 */
class LibraryVersionsTest {

    @Test
    void everyNettyModule_isAtThePinnedVersion() {
        Map<String, Version> modules = Version.identify();
        Set<String> versions = modules.values().stream().map(Version::artifactVersion).collect(Collectors.toSet());

        assertThat(modules).containsKeys("netty-common", "netty-buffer", "netty-transport", "netty-codec-http",
                "netty-handler");
        assertThat(versions).containsExactly("4.2.20.Final");
    }

    @Test
    void jacksonCore_isAtLeast2_23() {
        assertThat(PackageVersion.VERSION.getMajorVersion()).isEqualTo(2);
        assertThat(PackageVersion.VERSION.getMinorVersion()).isGreaterThanOrEqualTo(23);
    }
}
