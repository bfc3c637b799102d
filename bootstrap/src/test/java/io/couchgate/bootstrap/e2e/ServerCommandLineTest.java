package io.couchgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code java -jar couchgate.jar} with arguments other than properties and {@code admin}: {@code --version} and
 * {@code --help} print and exit 0, anything else is a usage error (exit 2); none starts the server. Each run is given
 * a CouchDB URL nothing answers, so a server that did start would exit 1 ("couchgate did not start").
 */
class ServerCommandLineTest {

    @TempDir
    Path tmp;

    private String closedCouchDb;

    @BeforeEach
    void closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            closedCouchDb = "-couchgate.couchdb.url=http://127.0.0.1:" + s.getLocalPort();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V"})
    void version_printsTheVersion_andExits0_startingNothing(String option) throws Exception {
        ApplicationRun run = run(closedCouchDb, option, "-micronaut.server.port=-1");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo("couchgate dev" + System.lineSeparator());
        assertThat(run.stderr()).isEmpty();
        assertThat(tmp.resolve("data")).doesNotExist();
    }

    @Test
    void help_printsBothForms_andExits0_startingNothing() throws Exception {
        ApplicationRun run = run(closedCouchDb, "--help");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).startsWith("Usage: java -jar couchgate.jar [-<key>=<value> ...]")
                .contains("-micronaut.server.port=9090", "java -jar couchgate.jar admin <command> ...",
                        "java -jar couchgate.jar admin --help", "java -jar couchgate.jar --version | --help",
                        "Exit codes: 0 done (--version, --help), 1 the server did not start, 2 usage error.");
        assertThat(run.stderr()).isEmpty();
        assertThat(tmp.resolve("data")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--verbose", "serve", "-x", "--port", "-micronaut.server.port"})
    void anUnknownArgument_isAUsageError_exit2_withOneLine_startingNothing(String argument) throws Exception {
        ApplicationRun run = run(closedCouchDb, argument);

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
        assertThat(run.stderr()).isEqualTo("couchgate: unknown argument '" + argument + "': give properties as "
                + "-<key>=<value> (see: java -jar couchgate.jar --help)" + System.lineSeparator());
        assertThat(run.stdout()).isEmpty();
        assertThat(tmp.resolve("data")).doesNotExist();
    }

    @Test
    void propertiesAlone_startTheServer() throws Exception {
        ApplicationRun run = run(closedCouchDb, "--micronaut.server.port=-1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).startsWith("couchgate did not start: ").contains(closedCouchDb.split("=", 2)[1]);
    }

    private ApplicationRun run(String... args) throws IOException, InterruptedException {
        String[] all = new String[args.length + 1];
        all[0] = "-couchgate.data-dir=" + tmp.resolve("data");
        System.arraycopy(args, 0, all, 1, args.length);
        return ApplicationRun.run(tmp, Map.of(), all);
    }
}
