package io.couchgate.bootstrap.admin;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code couchgate admin}: the root of the admin CLI; its subcommands do the work. The footer's lines are at most 79
 * columns, within picocli's usage width of 80, so that none is wrapped (a wrapped line would start at column 0).
 */
@Command(name = "couchgate admin", mixinStandardHelpOptions = true, versionProvider = AdminVersion.class,
        description = "Administers couchgate's accounts and signup invitations through CouchDB, with the server's "
                + "configuration and stored admin; no running server needed.",
        footer = {"",
            "Every command:",
            "  users list                    every account",
            "  users show NAME               one account",
            "  users reset-password NAME     a new one-time password (printed); the user's",
            "                                  sessions end",
            "    [--stdin [--no-one-time]]   --stdin: the first line of standard input",
            "                                  instead; --no-one-time: an ordinary password",
            "                                  (no change required)",
            "  users delete NAME             delete the account (its name stays taken for",
            "                                  the quarantine)",
            "  users end-sessions NAME       end every session of the user, on every",
            "                                  instance",
            "  invites create [--expires 7d] a single-use signup invitation code (printed)",
            "  invites list                  invitations not yet used or revoked",
            "  invites revoke CODE|ID        revoke an invitation",
            "",
            "Exit codes: 0 done, 1 failed, 2 usage error. Configure as for the server",
            "(application.yml, COUCHGATE_* environment variables, -D system properties)."})
final class AdminCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }
}
