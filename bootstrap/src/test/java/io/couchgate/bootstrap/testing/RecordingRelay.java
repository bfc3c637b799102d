package io.couchgate.bootstrap.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A loopback relay between couchgate and CouchDB that passes every byte on unchanged and records the request line
 * ({@code GET /posts/a%2Fb HTTP/1.1}) and header lines of each HTTP/1.1 request it carries upstream, so a test can
 * show the exact path CouchDB received, the headers it got, and count what reached it. It can be taken down (refuse,
 * cut open connections) and brought back on the same port, like a CouchDB that stops and starts again. It can also go
 * silent while it keeps accepting connections: {@link #hang()} holds every byte in both directions (a frozen CouchDB:
 * requests never arrive, answers never come), {@link #loseAnswersTo(Predicate)} passes requests on but holds the answer
 * to each request whose line it picks (CouchDB did the work, its answer never came); {@link #resume()}
 * cuts the held connections, so nothing held is ever delivered late, and traffic flows again. It also keeps
 * each connection it carried, with its requests and whether it is still open, so a test can see a connection end.
 */
public final class RecordingRelay implements AutoCloseable {

    private final int upstreamPort;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final List<List<String>> heads = new CopyOnWriteArrayList<>();
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private volatile ServerSocket listener;
    private volatile boolean frozen;
    private volatile Predicate<String> heldAnswers;

    private RecordingRelay(int upstreamPort, int port) {
        this.upstreamPort = upstreamPort;
        this.port = port;
    }

    /**
     * @param upstreamPort the loopback port of CouchDB
     * @return a started relay on a free loopback port
     */
    public static RecordingRelay start(int upstreamPort) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        RecordingRelay relay = new RecordingRelay(upstreamPort, port);
        relay.up();
        return relay;
    }

    public int port() {
        return port;
    }

    /** @return every request line relayed so far, in arrival order */
    public List<String> requestLines() {
        return heads.stream().map(head -> head.get(0)).toList();
    }

    /** @return the request line and header lines of every request relayed so far, in arrival order */
    public List<List<String>> requestHeads() {
        return List.copyOf(heads);
    }

    /** @return how many requests were relayed so far */
    public int requestCount() {
        return heads.size();
    }

    /** @return every connection relayed so far (open or closed), in the order they were opened */
    public List<Connection> connections() {
        return List.copyOf(connections);
    }

    /**
     * @param requestLineText text that one of the connection's request lines contains, e.g. a query
     * @param timeout how long to wait for such a connection
     * @return the first connection that carried such a request
     * @throws AssertionError when none did within the timeout
     */
    public Connection awaitConnectionCarrying(String requestLineText, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Connection connection : connections) {
                if (connection.requestLines().stream().anyMatch(line -> line.contains(requestLineText))) {
                    return connection;
                }
            }
            LockSupport.parkNanos(5_000_000);
        }
        throw new AssertionError("no request line with " + requestLineText + " within " + timeout);
    }

    /** Accepts connections again, on the same port. */
    public synchronized void up() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        listener = s;
        daemon(() -> accept(s), "recording-relay-accept");
    }

    /** Refuses new connections and cuts the open ones, as a stopped server would. */
    public synchronized void down() throws IOException {
        listener.close();
        cutOpenConnections();
    }

    /**
     * Closes every open relayed socket. Each is removed alone (not by clearing the list), so a connection accepted
     * meanwhile is kept in the list and cut by the next call instead of escaping it.
     */
    private void cutOpenConnections() throws IOException {
        for (Socket s : open) {
            s.close();
            open.remove(s);
        }
    }

    /** Keeps accepting connections but passes no byte either way, on new and open connections alike. */
    public void hang() {
        frozen = true;
    }

    /**
     * Passes requests on, but holds CouchDB's answer to every request whose request line the predicate picks (and
     * everything after it on that connection), as if CouchDB did the work and its answer were lost.
     *
     * @param requestLine e.g. {@code line -> line.startsWith("PUT /app_users/")}
     */
    public void loseAnswersTo(Predicate<String> requestLine) {
        heldAnswers = requestLine;
    }

    /**
     * Ends {@link #hang()} and {@link #loseAnswersTo(Predicate)}: cuts every open connection (what was held is dropped,
     * never delivered late), then lets bytes flow again on new connections.
     */
    public synchronized void resume() throws IOException {
        cutOpenConnections();
        synchronized (gate) {
            frozen = false;
            heldAnswers = null;
            gate.notifyAll();
        }
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                open.add(client);
                open.add(upstream);
                if (s.isClosed()) { // down() closed the listener while this one was being accepted
                    closeBoth(client, upstream);
                    return;
                }
                Connection connection = new Connection();
                connections.add(connection);
                daemon(() -> relayRequests(client, upstream, connection), "recording-relay-requests");
                OutputStream answers = new Gated(client.getOutputStream(), () -> frozen || connection.answersHeld);
                daemon(() -> pump(upstream, answers, client, connection), "recording-relay-responses");
            } catch (IOException e) {
                return; // closed by down()
            }
        }
    }

    private void relayRequests(Socket client, Socket upstream, Connection connection) {
        try (InputStream in = new BufferedInputStream(client.getInputStream(), 65536);
             OutputStream out = new BufferedOutputStream(
                     new Gated(upstream.getOutputStream(), () -> frozen), 65536)) {
            HttpRequestCopier copier = new HttpRequestCopier(in, out, line -> {
                Predicate<String> held = heldAnswers;
                if (held != null && held.test(line)) {
                    connection.answersHeld = true;
                }
            });
            List<String> head;
            while ((head = copier.copyNextRequest()) != null) {
                heads.add(head);
                connection.requestLines.add(head.get(0));
            }
        } catch (IOException ignored) {
            // one side closed the connection
        } finally {
            closeBoth(client, upstream);
            connection.closed.countDown();
        }
    }

    private static void pump(Socket from, OutputStream gated, Socket to, Connection connection) {
        try (InputStream in = from.getInputStream(); OutputStream out = gated) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // one side closed the connection
        } finally {
            closeBoth(from, to);
            connection.closed.countDown();
        }
    }

    private static void closeBoth(Socket a, Socket b) {
        try {
            a.close();
            b.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static void daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        down();
    }

    /** An output stream whose writes wait while {@code held} says so (until {@link #resume()}). */
    private final class Gated extends FilterOutputStream {

        private final BooleanSupplier held;

        Gated(OutputStream out, BooleanSupplier held) {
            super(out);
            this.held = held;
        }

        @Override
        public void write(int b) throws IOException {
            awaitOpen();
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            awaitOpen();
            out.write(b, off, len);
        }

        private void awaitOpen() throws IOException {
            synchronized (gate) {
                while (held.getAsBoolean()) {
                    try {
                        gate.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while held", e);
                    }
                }
            }
        }
    }

    /** One relayed connection: closed as soon as either side (couchgate or CouchDB) closed it. */
    public static final class Connection {

        private final List<String> requestLines = new CopyOnWriteArrayList<>();
        private final CountDownLatch closed = new CountDownLatch(1);
        private volatile boolean answersHeld;

        /** @return the request lines it carried so far */
        public List<String> requestLines() {
            return List.copyOf(requestLines);
        }

        /** @return whether neither side has closed it yet */
        public boolean isOpen() {
            return closed.getCount() > 0;
        }

        /**
         * @param timeout how long to wait
         * @return whether it closed within the timeout
         */
        public boolean awaitClosed(Duration timeout) throws InterruptedException {
            return closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }
}
