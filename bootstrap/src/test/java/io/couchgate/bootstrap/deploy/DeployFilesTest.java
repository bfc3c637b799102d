package io.couchgate.bootstrap.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The deployment files docs/deploy.md offers: the systemd unit passes {@code systemd-analyze verify}. */
class DeployFilesTest {

    @Test
    void systemdUnit_passesSystemdAnalyzeVerify_withoutAWarning() throws Exception {
        Path unit = repositoryRoot().resolve("docs/deploy/couchgate.service");
        Process verify = new ProcessBuilder("systemd-analyze", "verify", unit.toString()).redirectErrorStream(true)
                .start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).as("systemd-analyze ended").isTrue();

        assertThat(output).as("systemd-analyze's warnings").isEmpty();
        assertThat(verify.exitValue()).isZero();
    }

    /** @return the nearest folder, from the working directory up, that holds {@code mvnw} */
    private static Path repositoryRoot() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IOException("no folder above the working directory holds mvnw");
    }
}
