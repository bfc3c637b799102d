package io.couchgate.bootstrap;

import io.couchgate.bootstrap.admin.AdminCli;
import java.io.PrintStream;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The server's command line ({@code java -jar couchgate.jar [-key=value ...]}, without {@code admin}): only
 * Micronaut property arguments ({@code -micronaut.server.port=9090}, {@code --couchgate.data-dir=/var/lib/x}) start
 * the server; {@code --version} / {@code -V} and {@code --help} / {@code -h} print and exit {@value AdminCli#OK};
 * anything else is a usage error ({@value AdminCli#USAGE}, one line on standard error), and no server starts.
 */
final class ServerCommandLine {

    /** A Micronaut property argument: one or two dashes, a key (no dash first, no {@code =}), {@code =}, a value. */
    private static final Pattern PROPERTY = Pattern.compile("--?[^-=\\s][^=\\s]*=.*", Pattern.DOTALL);

    private static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar couchgate.jar [-<key>=<value> ...]",
            "         Runs the server. Each -<key>=<value> sets a configuration property, e.g.",
            "         -micronaut.server.port=9090 -couchgate.data-dir=/var/lib/couchgate",
            "       java -jar couchgate.jar admin <command> ...",
            "         Administers accounts and invitations, with or without a server running",
            "         (java -jar couchgate.jar admin --help)",
            "       java -jar couchgate.jar --version | --help",
            "Exit codes: 0 done (--version, --help), 1 the server did not start, 2 usage error.");

    private ServerCommandLine() {
    }

    /**
     * @param args the command line (without {@code admin} first)
     * @param out where {@code --version} and {@code --help} print
     * @param err where a usage error's one line goes
     * @return the exit code when the process should end without starting the server; empty to start it
     */
    static OptionalInt handle(String[] args, PrintStream out, PrintStream err) {
        for (String arg : args) {
            if (!PROPERTY.matcher(arg).matches()) {
                return OptionalInt.of(switch (arg) {
                    case "--version", "-V" -> print(out, AdminCli.version());
                    case "--help", "-h" -> print(out, USAGE);
                    default -> {
                        err.println("couchgate: unknown argument '" + arg.replaceAll("\\s+", " ") + "': give "
                                + "properties as -<key>=<value> (see: java -jar couchgate.jar --help)");
                        yield AdminCli.USAGE;
                    }
                });
            }
        }
        return OptionalInt.empty();
    }

    private static int print(PrintStream out, String text) {
        out.println(text);
        out.flush();
        return AdminCli.OK;
    }
}
