package io.couchgate.adapters.couchdb.testing.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Test-only TLS terminator: listens with TLS on a free loopback port and relays bytes unchanged, both ways, to a
 * plain {@code http://host:port} upstream (e.g. the dev CouchDB), so a client can be tested against "CouchDB over
 * HTTPS". One thread pair per connection; a connection whose handshake fails is dropped. Close it to stop
 * listening and cut every open connection.
 */
public final class TlsTerminatingProxy implements AutoCloseable {

    private final SSLServerSocket listener;
    private final InetSocketAddress upstream;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private TlsTerminatingProxy(SSLServerSocket listener, InetSocketAddress upstream) {
        this.listener = listener;
        this.upstream = upstream;
    }

    /**
     * @param serverContext TLS context with the server's key (e.g. {@link TestCertificates#serverSslContext()})
     * @param upstream      plain HTTP base URL, e.g. {@code http://127.0.0.1:5984}
     * @return a proxy already accepting connections
     */
    public static TlsTerminatingProxy start(SSLContext serverContext, URI upstream) {
        try {
            SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
                    .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            TlsTerminatingProxy proxy = new TlsTerminatingProxy(listener,
                    new InetSocketAddress(upstream.getHost(), upstream.getPort()));
            Thread acceptor = new Thread(proxy::acceptLoop, "tls-proxy-accept-" + listener.getLocalPort());
            acceptor.setDaemon(true);
            acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the TLS proxy's port", e);
        }
    }

    /** @return the loopback port the proxy listens on */
    public int port() {
        return listener.getLocalPort();
    }

    /** @return {@code https://localhost:<port>}, the name the test server certificate is issued for */
    public URI url() {
        return URI.create("https://localhost:" + port());
    }

    @Override
    public void close() {
        closeQuietly(listener);
        open.forEach(TlsTerminatingProxy::closeQuietly);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                SSLSocket client = (SSLSocket) listener.accept();
                open.add(client);
                Thread relay = new Thread(() -> relay(client), "tls-proxy-conn-" + client.getPort());
                relay.setDaemon(true);
                relay.start();
            } catch (IOException e) {
                // The listener was closed, or one accept failed; the loop condition decides.
            }
        }
    }

    private void relay(SSLSocket client) {
        try (client; Socket server = new Socket()) {
            client.startHandshake();
            server.connect(upstream, 5_000);
            open.add(server);
            Thread upload = new Thread(() -> pump(client, server, true), "tls-proxy-up-" + client.getPort());
            upload.setDaemon(true);
            upload.start();
            pump(server, client, false);
        } catch (IOException e) {
            // Handshake refused by the client, upstream down, or the connection ended: drop it.
        } finally {
            open.remove(client);
        }
    }

    /**
     * Copies until end of stream. At the client's end it half-closes the upstream (so the upstream still answers);
     * at the upstream's end, or on any error, it closes both sockets. Streams are not closed one by one: closing a
     * socket's stream closes the whole socket.
     */
    private void pump(Socket from, Socket to, boolean towardsUpstream) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
            if (towardsUpstream) {
                to.shutdownOutput();
                return;
            }
        } catch (IOException e) {
            // The other side went away; close both.
        }
        closeQuietly(from);
        closeQuietly(to);
        open.remove(from);
        open.remove(to);
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // Nothing more to do for a test proxy.
        }
    }
}
