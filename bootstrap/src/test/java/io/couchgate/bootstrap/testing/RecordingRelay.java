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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback relay between couchgate and CouchDB that passes every byte on unchanged and records the request line
 * ({@code GET /posts/a%2Fb HTTP/1.1}) and header lines of each HTTP/1.1 request it carries upstream, so a test can
 * show the exact path CouchDB received, the headers it got, and count what reached it. It can be taken down (refuse,
 * cut open connections) and brought back on the same port, like a CouchDB that stops and starts again.
 */
public final class RecordingRelay implements AutoCloseable {

    private final int upstreamPort;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final List<List<String>> heads = new CopyOnWriteArrayList<>();
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
                daemon(() -> relayRequests(client, upstream), "recording-relay-requests");
                daemon(() -> pump(upstream, client), "recording-relay-responses");
            } catch (IOException e) {
                return; // closed by down()
            }
        }
    }

    private void relayRequests(Socket client, Socket upstream) {
        try (InputStream in = new BufferedInputStream(client.getInputStream(), 65536);
             OutputStream out = new BufferedOutputStream(upstream.getOutputStream(), 65536)) {
            HttpRequestCopier copier = new HttpRequestCopier(in, out);
            List<String> head;
            while ((head = copier.copyNextRequest()) != null) {
                heads.add(head);
            }
        } catch (IOException ignored) {
            // one side closed the connection
        } finally {
            closeBoth(client, upstream);
        }
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // one side closed the connection
        } finally {
            closeBoth(from, to);
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
}
