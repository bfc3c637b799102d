package io.couchgate.bootstrap.admin;

import io.couchgate.application.port.in.NoSuchUserException;
import io.couchgate.bootstrap.StartupFailure;
import io.couchgate.domain.InvalidUsernameException;
import io.couchgate.domain.WeakPasswordException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/**
 * {@code java -jar couchgate.jar admin ...}: administers accounts and invitations with no server running (or while
 * servers run), through CouchDB as couchgate's stored admin. Exit codes: {@value #OK} done, {@value #FAILED} failed
 * (no such user, CouchDB unreachable, no secrets, ...), {@value #USAGE} usage error. Results go to standard output;
 * messages (one line, never a stack trace) to standard error. No HTTP server is started.
 */
public final class AdminCli {

    /** Exit code: done. */
    public static final int OK = 0;
    /** Exit code: the command failed. */
    public static final int FAILED = 1;
    /** Exit code: the command line is wrong. */
    public static final int USAGE = 2;

    private AdminCli() {
    }

    /**
     * Runs one admin command.
     *
     * @param args the arguments after {@code admin}, e.g. {@code users list}
     * @param out where results go (standard output)
     * @param err where messages go (standard error)
     * @param in where {@code reset-password --stdin} reads the password
     * @param properties configuration put over the environment's (tests); empty in production, where the CLI reads
     *                   the server's configuration (application.yml, environment variables, {@code -D} properties)
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err, InputStream in,
                          Map<String, Object> properties) {
        PrintWriter outWriter = new PrintWriter(out, true, StandardCharsets.UTF_8);
        PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
        try (AdminSession session = new AdminSession(properties)) {
            AdminTools tools = new AdminTools(session, outWriter, errWriter, in);
            CommandLine cli = new CommandLine(new AdminCommand())
                    .addSubcommand(new CommandLine(new UsersCommand(tools)))
                    .addSubcommand(new CommandLine(new InvitesCommand(tools)));
            cli.setOut(outWriter);
            cli.setErr(errWriter);
            cli.setExecutionExceptionHandler((e, line, parsed) -> failed(errWriter, e));
            cli.setParameterExceptionHandler((e, line) -> usage(errWriter, e));
            return cli.execute(args);
        } catch (RuntimeException e) { // closing the context
            return failed(errWriter, e);
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    /**
     * @return what {@code --version} prints: {@code couchgate} and the jar's {@code Implementation-Version}
     *     ({@code couchgate dev} when run from classes)
     */
    public static String version() {
        return new AdminVersion().getVersion()[0];
    }

    private static int usage(PrintWriter err, CommandLine.ParameterException e) {
        err.println("couchgate admin: " + oneLine(e.getMessage()) + " (see: "
                + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
        return USAGE;
    }

    private static int failed(PrintWriter err, Exception e) {
        err.println("couchgate admin: " + oneLine(describe(e)));
        return FAILED;
    }

    /** The failure's own words where they are meant for a person, else what the server says at a failed start. */
    private static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AdminFailure || t instanceof NoSuchUserException || t instanceof WeakPasswordException
                    || t instanceof InvalidUsernameException) {
                return t.getMessage();
            }
        }
        return StartupFailure.describe(failure);
    }

    private static String oneLine(String message) {
        return message == null ? "failed" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
