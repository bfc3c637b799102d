package io.couchgate.adapters.couchdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain TCP forwarder on a fixed loopback port that a test switches off (closing every connection, as a CouchDB
 * that goes away) and on again, on the same port.
 */
final class SwitchableProxy implements AutoCloseable {

    private final InetSocketAddress upstream;
    private final int port;
    private final List<Socket> open = new ArrayList<>();
    private ServerSocket server;

    /** @param upstream the server to forward to, e.g. {@code http://127.0.0.1:5984} */
    SwitchableProxy(URI upstream) {
        this.upstream = new InetSocketAddress(upstream.getHost(), upstream.getPort());
        this.port = freePort();
    }

    /** @return {@code http://127.0.0.1:<port>}, whether or not it is switched on */
    URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Starts accepting on the port. */
    synchronized void start() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server = socket;
            Thread accepter = new Thread(() -> accept(socket), "switchable-proxy-accept");
            accepter.setDaemon(true);
            accepter.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops accepting and closes every forwarded connection. */
    synchronized void stop() {
        closeQuietly(server);
        server = null;
        open.forEach(SwitchableProxy::closeQuietly);
        open.clear();
    }

    @Override
    public void close() {
        stop();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket target = new Socket(upstream.getAddress(), upstream.getPort());
                if (!register(socket, client, target)) {
                    return;
                }
                pump(client, target);
                pump(target, client);
            } catch (IOException e) {
                return;
            }
        }
    }

    private synchronized boolean register(ServerSocket socket, Socket client, Socket target) {
        if (server != socket) {
            closeQuietly(client);
            closeQuietly(target);
            return false;
        }
        open.add(client);
        open.add(target);
        return true;
    }

    private static void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // a side closed: the other goes too
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "switchable-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
