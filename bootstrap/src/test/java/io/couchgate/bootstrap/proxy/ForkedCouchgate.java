package io.couchgate.bootstrap.proxy;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.MemoryMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * couchgate as a process of its own ({@code java -cp <test classpath> io.couchgate.bootstrap.Application}) with a
 * heap limit, on a known loopback port, with a loopback-only JMX port so a test can read its heap.
 */
final class ForkedCouchgate implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path output;
    private final JMXConnector jmx;

    private ForkedCouchgate(Process process, int port, Path output, JMXConnector jmx) {
        this.process = process;
        this.port = port;
        this.output = output;
        this.jmx = jmx;
    }

    /**
     * @param maxHeap e.g. {@code 96m}
     * @param couchDbUrl the CouchDB it takes charge of
     * @param work a folder for its data dir and its output
     * @param extraArgs more configuration, e.g. {@code -micronaut.server.max-request-size=100MB}
     * @return the process, answering {@code GET /health} with 200
     */
    static ForkedCouchgate start(String maxHeap, URI couchDbUrl, Path work, String... extraArgs) throws IOException {
        return start(Map.of(), maxHeap, couchDbUrl, work, extraArgs);
    }

    /**
     * Starts couchgate on a server from the test harness, with {@link CouchDbServer#couchgateEnvironment()} (its
     * compatibility, and a {@link CouchDbExtension#freshServer()}'s bootstrap admin).
     *
     * @param maxHeap the JVM's {@code -Xmx}, e.g. {@code 96m}
     * @param couch the CouchDB it takes charge of
     * @param work a folder for its data dir and its output
     * @param extraArgs more configuration
     * @return the process, answering {@code GET /health} with 200
     */
    static ForkedCouchgate start(String maxHeap, CouchDbServer couch, Path work, String... extraArgs)
            throws IOException {
        return start(couch.couchgateEnvironment(), maxHeap, couch.url(), work, extraArgs);
    }

    private static ForkedCouchgate start(Map<String, String> environment, String maxHeap, URI couchDbUrl, Path work,
                                         String... extraArgs) throws IOException {
        int port = freePort();
        int jmxPort = freePort();
        Path output = work.resolve("couchgate.out");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + maxHeap,
                "-Dcom.sun.management.jmxremote.port=" + jmxPort, "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false",
                "-cp", System.getProperty("java.class.path"), "io.couchgate.bootstrap.Application",
                "-micronaut.server.port=" + port, "-couchgate.management.port=0", // free: instances run side by side
                "-couchgate.couchdb.url=" + couchDbUrl,
                "-couchgate.data-dir=" + work.resolve("data"), "-couchgate.password.argon2.memory-kib=1024",
                "-couchgate.password.argon2.iterations=1", "-couchgate.sessions.reaper-interval=1h",
                "-couchgate.couchdb.compatibility=" + CouchDbExtension.compatibilityAt(couchDbUrl)));
        command.addAll(List.of(extraArgs));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            awaitHealthy(process, port, output, Duration.ofSeconds(60));
            JMXConnector jmx = JMXConnectorFactory.connect(
                    new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"));
            return new ForkedCouchgate(process, port, output, jmx);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    int port() {
        return port;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** @return what the process printed so far */
    String output() throws IOException {
        return Files.readString(output);
    }

    /** @return the process's memory bean, read over JMX */
    MemoryMXBean memory() throws IOException {
        return ManagementFactory.newPlatformMXBeanProxy(jmx.getMBeanServerConnection(),
                ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
    }

    private static void awaitHealthy(Process process, int port, Path output, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("couchgate exited during start:\n" + Files.readString(output));
            }
            try {
                if (RawHttp.send(port, "GET", "/health", java.util.Map.of(), null).status() == 200) {
                    return;
                }
            } catch (UncheckedIOException notYetListening) {
                waitForExit(process, 100);
            }
        }
        throw new IllegalStateException("couchgate did not answer /health within " + within + ":\n"
                + Files.readString(output));
    }

    /** Waits up to {@code millis} for the process to exit: a bounded pause that ends early if it dies. */
    private static void waitForExit(Process process, long millis) {
        try {
            process.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            jmx.close();
        } finally {
            process.destroy();
            waitForExit(process, 10_000);
            process.destroyForcibly();
        }
    }
}
