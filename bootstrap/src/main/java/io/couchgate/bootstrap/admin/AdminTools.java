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
import java.util.function.Supplier;

/** What every admin command uses: the context, the output streams, standard input and the audit log. */
final class AdminTools {

    /** The {@code client} of every audit entry the CLI writes. */
    static final String CLIENT = "cli";
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
     * Runs an action and writes its audit entry: {@code ok}, or {@code failed} with the failure's class (never its
     * message, which might hold what an operator typed).
     *
     * @param event e.g. {@code admin-reset-password}
     * @param user the username acted on, or null
     * @param action the action
     * @param <T> its result
     * @return the action's result
     */
    <T> T audited(String event, Username user, Supplier<T> action) {
        AuditLog audit = bean(AuditLog.class);
        String name = user == null ? null : user.value();
        try {
            T result = action.get();
            audit.record(event, "ok", name, CLIENT, null);
            return result;
        } catch (RuntimeException e) {
            audit.record(event, "failed", name, CLIENT, e.getClass().getSimpleName());
            throw e;
        }
    }

    /**
     * @param typed a username as given on the command line
     * @return the account's name: as a login finds it (today's rules, else the name an older rule gave)
     * @throws AdminFailure if it can be no account's name
     */
    static Username username(String typed) {
        try {
            return Username.forLogIn(typed).orElseThrow(() -> new AdminFailure("no such user: " + typed));
        } catch (InvalidUsernameException e) {
            throw new AdminFailure("no such user: " + typed);
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
                    throw new AdminFailure("the password on standard input is too long");
                }
                line[length++] = (char) c;
            }
        } catch (IOException e) {
            Arrays.fill(line, '\0');
            throw new AdminFailure("could not read standard input: " + e.getMessage());
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        char[] password = Arrays.copyOf(line, length);
        Arrays.fill(line, '\0');
        if (password.length == 0) {
            throw new AdminFailure("no password on standard input (one line expected)");
        }
        return password;
    }
}
