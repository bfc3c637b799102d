package io.couchgate.bootstrap.admin;

import io.couchgate.application.admin.AdminAccountsService;
import io.couchgate.application.port.in.NoSuchUserException;
import io.couchgate.application.port.in.ResetPasswordCommand;
import io.couchgate.bootstrap.config.AccountSettings;
import io.couchgate.domain.AppUser;
import io.couchgate.domain.HashParameters;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code couchgate admin users ...}: accounts. Each command writes one audit entry. */
@Command(name = "users", mixinStandardHelpOptions = true, versionProvider = AdminVersion.class,
        description = "List, show, reset, delete accounts, or end their sessions.")
final class UsersCommand implements Runnable {

    private final AdminTools tools;

    @Spec
    private CommandSpec spec;

    UsersCommand(AdminTools tools) {
        this.tools = tools;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = AdminVersion.class,
            description = "Print every account, one per line: NAME created=INSTANT.")
    int list() {
        return tools.audited("admin-users-list", () -> {
            List<AppUser> users = accounts().listUsers();
            users.forEach(user -> tools.result(user.username().value() + " created=" + user.createdAt()));
            return AdminCli.OK;
        });
    }

    @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = AdminVersion.class,
            description = {"Print one account: name, creation time, password hash parameters,",
                "and password-change-required while its password is a one-time password."})
    int show(@Parameters(paramLabel = "NAME", description = "the username") String name) {
        return tools.audited("admin-user-show", name, username -> {
            AppUser user = accounts().findUser(username).orElseThrow(() -> new NoSuchUserException(username));
            HashParameters hash = user.passwordHash().parameters();
            tools.result("username=" + user.username().value() + " created=" + user.createdAt()
                    + " hash=argon2id m=" + hash.memoryKiB() + " t=" + hash.iterations() + " p=" + hash.parallelism()
                    + (user.passwordChangeRequired() ? " password-change-required" : ""));
            return AdminCli.OK;
        });
    }

    @Command(name = "reset-password", mixinStandardHelpOptions = true, versionProvider = AdminVersion.class,
            description = {"Give the account a new password and end all its sessions (on every instance).",
                "Prints a random one-time password (24 characters, 144 bits) to hand to the user, or, with "
                    + "--stdin, takes the first line of standard input (the password policy applies).",
                "Either way the password is one-time: its first login opens a session that can only change it "
                    + "(PUT /api/users/current/password), log out or delete the account. --no-one-time makes a "
                    + "--stdin password an ordinary one (for a password the user typed in themselves)."})
    int resetPassword(@Parameters(paramLabel = "NAME", description = "the username") String name,
                      @Option(names = "--stdin", description = "read the new password from standard input")
                      boolean stdin,
                      @Option(names = "--no-one-time", description = "with --stdin: the password needs no change "
                          + "at the next login") boolean notOneTime) {
        if (notOneTime && !stdin) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--no-one-time needs --stdin: a printed random password is always one-time");
        }
        return tools.audited("admin-reset-password", name, username -> {
            Optional<char[]> given = stdin ? Optional.of(tools.readLine()) : Optional.empty();
            char[] password = null;
            try {
                password = accounts().resetPassword(new ResetPasswordCommand(username, given, !notOneTime));
                if (!stdin) {
                    tools.result(new String(password));
                }
                tools.note("password of " + username.value() + " reset; its sessions have ended"
                        + (notOneTime ? "" : "; it is one-time: the user must change it at the next login"));
                return AdminCli.OK;
            } finally {
                given.ifPresent(chars -> Arrays.fill(chars, '\0'));
                if (password != null) {
                    Arrays.fill(password, '\0');
                }
            }
        });
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, versionProvider = AdminVersion.class,
            description = {"Delete the account as the user could (no password needed): its sessions end, its "
                + "documents stay, and its name cannot be signed up again during couchgate.signup.name-quarantine."})
    int delete(@Parameters(paramLabel = "NAME", description = "the username") String name) {
        return tools.audited("admin-delete-account", name, username -> {
            accounts().removeAccount(username);
            tools.result("deleted " + username.value() + "; the name stays taken for "
                    + tools.bean(AccountSettings.class).nameQuarantine().toDays() + " days");
            return AdminCli.OK;
        });
    }

    @Command(name = "end-sessions", mixinStandardHelpOptions = true, versionProvider = AdminVersion.class,
            description = "End every session of the user, on every instance (see README, \"Admin CLI\").")
    int endSessions(@Parameters(paramLabel = "NAME", description = "the username") String name) {
        return tools.audited("admin-end-sessions", name, username -> {
            int ended = accounts().endSessions(username);
            tools.result("ended " + ended + " session" + (ended == 1 ? "" : "s") + " of " + username.value());
            return AdminCli.OK;
        });
    }

    private AdminAccountsService accounts() {
        return tools.bean(AdminAccountsService.class);
    }
}
