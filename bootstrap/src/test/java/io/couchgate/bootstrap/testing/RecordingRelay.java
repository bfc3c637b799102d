package io.couchgate.bootstrap.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
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

/**
 * A loopback relay between couchgate and CouchDB that passes every byte on unchanged and records the request line
 * ({@code GET /posts/a%2Fb HTTP/1.1}) and header lines of each HTTP/1.1 request it carries upstream, so a test can
 * show the exact path CouchDB received, the headers it got, and count what reached it. It can be taken down (refuse,
 * cut open connections) and brought back on the same port, like a CouchDB that stops and starts again. It also keeps
 * each connection it carried, with its requests and whether it is still open, so a test can see a connection end.
 */
public final class RecordingRelay implements AutoCloseable {

    private final int upstreamPort;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final List<List<String>> heads = new CopyOnWriteArrayList<>();
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private volatile ServerSocket listener;

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
        for (Socket s : open) {
            s.close();
        }
        open.clear();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                open.add(client);
                open.add(upstream);
                Connection connection = new Connection();
                connections.add(connection);
                daemon(() -> relayRequests(client, upstream, connection), "recording-relay-requests");
                daemon(() -> pump(upstream, client, connection), "recording-relay-responses");
            } catch (IOException e) {
                return; // closed by down()
            }
        }
    }

    private void relayRequests(Socket client, Socket upstream, Connection connection) {
        try (InputStream in = new BufferedInputStream(client.getInputStream(), 65536);
             OutputStream out = new BufferedOutputStream(upstream.getOutputStream(), 65536)) {
            HttpRequestCopier copier = new HttpRequestCopier(in, out);
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

    private static void pump(Socket from, Socket to, Connection connection) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
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

    /** One relayed connection: closed as soon as either side (couchgate or CouchDB) closed it. */
    public static final class Connection {

        private final List<String> requestLines = new CopyOnWriteArrayList<>();
        private final CountDownLatch closed = new CountDownLatch(1);

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
