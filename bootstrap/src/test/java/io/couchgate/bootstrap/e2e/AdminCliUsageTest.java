package io.couchgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin CLI's help, usage errors and failures that need no CouchDB: exit codes 0, 1, 2 and one-line messages. */
class AdminCliUsageTest {

    @TempDir
    Path tmp;

    private Map<String, Object> config() {
        return AdminRun.config(URI.create("http://127.0.0.1:9"), tmp, Map.of());
    }

    @Test
    void help_atTheTop_listsEveryCommand_andExits0() {
        AdminRun help = AdminRun.inProcess(config(), "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.err()).isEmpty();
        assertThat(help.out()).contains("Usage: couchgate admin", "users list", "users show NAME",
                "users reset-password NAME", "[--stdin [--no-one-time]]", "users delete NAME",
                "users end-sessions NAME", "invites create [--expires 7d]", "invites list", "invites revoke CODE|ID",
                "Exit codes: 0 done, 1 failed, 2 usage error");
    }

    @Test
    void help_atTheTop_wrapsNoCommandLine_everyContinuationIndentedUnderItsDescription() {
        List<String> lines = AdminRun.inProcess(config(), "--help").out().lines().toList();

        List<String> commands = lines.subList(lines.indexOf("Every command:") + 1, lines.size());
        commands = commands.subList(0, commands.indexOf(""));
        assertThat(commands).hasSize(14).allSatisfy(line -> assertThat(line).startsWith("  ").hasSizeLessThan(80));
        assertThat(commands).contains(
                "  users end-sessions NAME       end every session of the user, on every",
                "                                  instance",
                "    [--stdin [--no-one-time]]   --stdin: the first line of standard input");
        assertThat(lines).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(80))
                .containsOnlyOnce("Commands:");
    }

    @Test
    void help_atEveryLevel_exits0() {
        AdminRun users = AdminRun.inProcess(config(), "users", "--help");
        assertThat(users.exitCode()).isZero();
        assertThat(users.out()).contains("Usage: couchgate admin users", "list", "show", "reset-password", "delete",
                "end-sessions");
        AdminRun invites = AdminRun.inProcess(config(), "invites", "-h");
        assertThat(invites.exitCode()).isZero();
        assertThat(invites.out()).contains("Usage: couchgate admin invites", "create", "list", "revoke");
        AdminRun reset = AdminRun.inProcess(config(), "users", "reset-password", "--help");
        assertThat(reset.exitCode()).isZero();
        assertThat(reset.out()).contains("Usage: couchgate admin users reset-password", "--stdin", "NAME",
                "--no-one-time");
        AdminRun create = AdminRun.inProcess(config(), "invites", "create", "--help");
        assertThat(create.out()).contains("--expires=DURATION", "default 7d");
    }

    @Test
    void usageErrors_exit2_withOneLineOnStderr_andNothingOnStdout() {
        for (String[] args : new String[][] {{}, {"users"}, {"bogus"}, {"users", "show"}, {"users", "list", "x"},
            {"users", "show", "alice", "--force"}, {"invites", "create", "--expires", "soon"},
            {"invites", "create", "--expires", "0d"}, {"invites", "create", "--expires", "366d"},
            {"invites", "create", "--expires", "P999999999999D"}, {"invites", "create", "--expires", "99999999d"},
            {"users", "reset-password", "alice", "--no-one-time"}}) {
            AdminRun run = AdminRun.inProcess(config(), args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.out()).as(String.join(" ", args)).isEmpty();
            assertThat(run.err()).as(String.join(" ", args)).startsWith("couchgate admin: ").endsWith("--help)\n")
                    .hasLineCount(1);
            assertThat(run.audit()).as("a usage error attempts no action: " + String.join(" ", args)).isEmpty();
        }
        assertThat(AdminRun.inProcess(config(), "invites", "create", "--expires", "soon").err())
                .isEqualTo("couchgate admin: Invalid value for option '--expires': a positive duration of at most 365 "
                        + "days is expected (30s, 15m, 12h, 7d or ISO-8601 such as P7D), was 'soon' "
                        + "(see: couchgate admin invites create --help)\n");
    }

    @Test
    void noSecrets_exits1_sayingWhatToDo() {
        AdminRun run = AdminRun.inProcess(config(), "users", "list");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("couchgate admin: no secrets at ").contains("start couchgate once")
                .hasLineCount(1);
        assertThat(run.audit()).containsExactly("event=admin-users-list outcome=failed client=cli detail=no-secrets");
    }

    @Test
    void anEmptyName_pastPicocli_exits1_withOneFailedEntry_namingNoUser() {
        AdminRun run = AdminRun.inProcess(config(), "users", "show", "");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("couchgate admin: no such user: '' is not a valid username\n");
        assertThat(run.audit())
                .containsExactly("event=admin-user-show outcome=failed user=(invalid) client=cli detail=invalid-name");
    }

    @Test
    void resetPasswordFromEmptyStdin_exits1_withOneFailedEntry() {
        AdminRun run = AdminRun.inProcess(config(), "users", "reset-password", "--stdin", "alice");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("couchgate admin: no password on standard input (one line expected)\n");
        assertThat(run.audit()).containsExactly(
                "event=admin-reset-password outcome=failed user=alice client=cli detail=no-password-input");
    }

    @Test
    void helpAndVersion_writeNoAuditEntry() {
        assertThat(AdminRun.inProcess(config(), "users", "show", "--help").audit()).isEmpty();
        assertThat(AdminRun.inProcess(config(), "--version").audit()).isEmpty();
    }
}
