package io.couchgate.bootstrap.admin;

import io.couchgate.adapters.http.audit.AuditLog;
import io.couchgate.domain.InvalidUsernameException;
import io.couchgate.domain.Username;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;

/** What every admin command uses: the context, the output streams, standard input and the audit log. */
final class AdminTools {

    /** The {@code client} of every audit entry the CLI writes. */
    static final String CLIENT = "cli";
    /** The {@code user} of an entry whose NAME can be no account's (as the server's entries say it). */
    static final String INVALID_USER = "(invalid)";
    private static final int MAX_PASSWORD_CHARS = 4096;

    private final AdminSession session;
    private final PrintWriter out;
    private final PrintWriter err;
    private final InputStream in;

    AdminTools(AdminSession session, PrintWriter out, PrintWriter err, InputStream in) {
        this.session = session;
        this.out = out;
        this.err = err;
        this.in = in;
    }

    <T> T bean(Class<T> type) {
        return session.bean(type);
    }

    /** A result line (standard output). */
    void result(String line) {
        out.println(line);
    }

    /** A message line (standard error). */
    void note(String line) {
        err.println(line);
    }

    /**
     * Runs a command and writes its one audit entry: {@code ok} when it returns, else {@code failed} with its
     * {@link FailureKind} (never its message, which might hold what an operator typed) before the failure goes on.
     *
     * @param event e.g. {@code admin-invite-create}
     * @param command the whole command, results printed included
     * @return its exit code
     */
    int audited(String event, IntSupplier command) {
        return run(event, null, command);
    }

    /**
     * Like {@link #audited(String, IntSupplier)} for a command on one account: the name as typed is looked up
     * first (as a login looks it up); a name that can be no account's fails with {@code invalid-name} and the
     * entry says {@code user=(invalid)} (what was typed could be anything, a password even).
     *
     * @param event e.g. {@code admin-reset-password}
     * @param typed the username as given on the command line
     * @param command the command on the account's name
     * @return its exit code
     */
    int audited(String event, String typed, ToIntFunction<Username> command) {
        Optional<Username> username = account(typed);
        if (username.isEmpty()) {
            AdminFailure invalid = new AdminFailure(FailureKind.INVALID_NAME, "no such user: '" + typed
                    + "' is not a valid username");
            session.auditLog().record(event, "failed", INVALID_USER, CLIENT, invalid.kind());
            throw invalid;
        }
        return run(event, username.get(), () -> command.applyAsInt(username.get()));
    }

    private static Optional<Username> account(String typed) {
        try {
            return Username.forLogIn(typed);
        } catch (InvalidUsernameException e) {
            return Optional.empty();
        }
    }

    private int run(String event, Username user, IntSupplier command) {
        AuditLog audit = session.auditLog();
        String name = user == null ? null : user.value();
        try {
            int exitCode = command.getAsInt();
            audit.record(event, "ok", name, CLIENT, null);
            return exitCode;
        } catch (RuntimeException e) {
            audit.record(event, "failed", name, CLIENT, FailureKind.of(e));
            throw e;
        }
    }

    /**
     * Reads one line (up to a line feed or the end of input; a carriage return before it is dropped) as characters.
     *
     * @return the line; the caller wipes it
     * @throws AdminFailure if the input is empty or unreadable
     */
    char[] readLine() {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        char[] line = new char[MAX_PASSWORD_CHARS + 1];
        int length = 0;
        try {
            int c;
            while ((c = reader.read()) != -1 && c != '\n') {
                if (length == line.length) {
                    Arrays.fill(line, '\0');
                    throw new AdminFailure(FailureKind.NO_PASSWORD_INPUT,
                            "the password on standard input is too long");
                }
                line[length++] = (char) c;
            }
        } catch (IOException e) {
            Arrays.fill(line, '\0');
            throw new AdminFailure(FailureKind.NO_PASSWORD_INPUT, "could not read standard input: "
                    + e.getMessage());
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        char[] password = Arrays.copyOf(line, length);
        Arrays.fill(line, '\0');
        if (password.length == 0) {
            throw new AdminFailure(FailureKind.NO_PASSWORD_INPUT,
                    "no password on standard input (one line expected)");
        }
        return password;
    }
}
