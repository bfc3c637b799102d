package io.couchgate.bootstrap.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx ({@value #BINARY}) as a child process of the test, in the foreground ({@code daemon off}), with
 * its prefix, main configuration, pid file, logs and temp folders all inside one folder of its own, so it touches
 * nothing of a system nginx and needs no port below 1024. The main configuration is this class's; the site (the
 * {@code server} and {@code upstream} blocks) is given, included inside {@code http {}} as
 * {@code /etc/nginx/conf.d/*.conf} is on Debian. {@link #close()} stops the master with SIGTERM (nginx's fast
 * shutdown) and waits until it and every worker are gone.
 */
final class NginxProcess implements AutoCloseable {

    /** Where Debian's package {@code nginx} puts the binary. */
    static final String BINARY = "/usr/sbin/nginx";
    /** Part of every folder name this class makes, so that a leftover process can be found ({@code .ci/run}). */
    static final String FOLDER_MARK = "couchgate-nginx-test";

    private final Process master;
    private final Path dir;

    private NginxProcess(Process master, Path dir) {
        this.master = master;
        this.dir = dir;
    }

    /**
     * @param parent where to make nginx's own folder
     * @param site the site configuration ({@code upstream} and {@code server} blocks)
     * @param ports the loopback ports the site listens on; returns once each accepts connections
     * @return the running nginx
     * @throws AssertionError when {@value #BINARY} is missing (naming how to install it), the configuration is
     *     refused, or nginx does not listen within 30 s
     */
    static NginxProcess start(Path parent, String site, int... ports) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new AssertionError("Debian's nginx is needed at " + BINARY + " for this test; scripts/test installs"
                    + " it (apt-get install -y --no-install-recommends nginx)");
        }
        Path dir = Files.createTempDirectory(parent, FOLDER_MARK + "-").toAbsolutePath();
        Files.writeString(dir.resolve("site.conf"), site);
        Files.writeString(dir.resolve("nginx.conf"), mainConfiguration(dir));
        Path errorLog = dir.resolve("error.log");
        Process master = new ProcessBuilder(BINARY, "-p", dir + "/", "-c", dir.resolve("nginx.conf").toString(),
                "-e", errorLog.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("stdout").toFile())
                .start();
        NginxProcess nginx = new NginxProcess(master, dir);
        try {
            nginx.awaitListening(ports);
        } catch (RuntimeException | Error | IOException e) {
            nginx.close();
            throw e;
        }
        return nginx;
    }

    private static String mainConfiguration(Path dir) {
        return String.join("\n",
                "daemon off;",
                "worker_processes 1;",
                "pid " + dir.resolve("nginx.pid") + ";",
                "error_log " + dir.resolve("error.log") + " info;",
                "events { worker_connections 512; }",
                "http {",
                "    access_log " + dir.resolve("access.log") + ";",
                "    client_body_temp_path " + dir.resolve("body") + ";",
                "    proxy_temp_path " + dir.resolve("proxy") + ";",
                "    fastcgi_temp_path " + dir.resolve("fastcgi") + ";",
                "    uwsgi_temp_path " + dir.resolve("uwsgi") + ";",
                "    scgi_temp_path " + dir.resolve("scgi") + ";",
                "    include " + dir.resolve("site.conf") + ";",
                "}", "");
    }

    private void awaitListening(int... ports) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (int port : ports) {
            while (!accepts(port)) {
                if (!master.isAlive()) {
                    throw new AssertionError("nginx exited with " + master.exitValue() + ": " + log());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("nginx did not listen on " + port + " within 30 s: " + log());
                }
                master.waitFor(25, TimeUnit.MILLISECONDS); // bounded pause, ends early if nginx dies
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** @return what nginx wrote to its error log and standard output so far */
    String log() throws IOException {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("stdout", "error.log")) {
            Path file = dir.resolve(name);
            if (Files.exists(file)) {
                text.append(Files.readString(file));
            }
        }
        return text.toString();
    }

    /** @return the master's and the workers' process handles, as they are now */
    List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(master.toHandle());
        master.descendants().forEach(all::add);
        return all;
    }

    /**
     * Stops nginx (SIGTERM to the master; SIGKILL to whatever is left after 20 s) and waits for every process of
     * it.
     *
     * @throws IllegalStateException when a process of it is still alive after that
     */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> all = processes();
        master.destroy();
        if (!master.waitFor(20, TimeUnit.SECONDS)) {
            all.forEach(ProcessHandle::destroyForcibly);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (ProcessHandle p : all) {
            while (p.isAlive() && System.nanoTime() < deadline) {
                p.onExit().completeOnTimeout(p, 100, TimeUnit.MILLISECONDS).join();
            }
            if (p.isAlive()) {
                p.destroyForcibly();
                throw new IllegalStateException("nginx process " + p.pid() + " outlived its stop");
            }
        }
    }
}
