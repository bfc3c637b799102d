package io.couchgate.adapters.http.connection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.1 connection over a plain socket, written byte by byte as a test says (complete heads, parts of heads,
 * slow bodies) and read without any client logic in between. Every read waits at most {@value #READ_BOUND_MILLIS}
 * ms, so a server that never answers or never closes fails the test instead of hanging it.
 */
final class RawConnection implements AutoCloseable {

    static final int READ_BOUND_MILLIS = 10_000;

    private final Socket socket;
    private final InputStream in;

    private RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(READ_BOUND_MILLIS);
        this.in = socket.getInputStream();
    }

    /** @return a connection to the server's loopback port from 127.0.0.1 */
    static RawConnection open(int port) throws IOException {
        return new RawConnection(new Socket(InetAddress.getLoopbackAddress(), port));
    }

    /** @return a connection to the server's loopback port from the given local address (e.g. 127.0.0.2) */
    static RawConnection openFrom(InetAddress local, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(local, 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return new RawConnection(socket);
    }

    /** Writes text as it is (ISO-8859-1) and flushes it. */
    RawConnection send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    /**
     * Reads a response whose body is framed by {@code Content-Length} (0 when absent).
     *
     * @throws SocketTimeoutException if nothing comes within the bound
     * @throws IOException if the server closes before a whole response
     */
    Response readResponse() throws IOException {
        String statusLine = readLine();
        List<String> headers = new ArrayList<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            headers.add(line);
        }
        Response head = new Response(statusLine, headers, "");
        int length = head.header("content-length") == null ? 0 : Integer.parseInt(head.header("content-length"));
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new IOException("connection closed inside a body");
        }
        return new Response(statusLine, headers, new String(body, StandardCharsets.UTF_8));
    }

    /**
     * Waits until the server closes the connection: a read that ends the stream, or a reset.
     *
     * @return what the server sent before it closed
     * @throws SocketTimeoutException if the connection is still open after the bound
     */
    String awaitClose() throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try {
            for (int b = in.read(); b >= 0; b = in.read()) {
                received.write(b);
            }
        } catch (SocketTimeoutException stillOpen) {
            throw stillOpen;
        } catch (IOException reset) {
            // A reset ends the connection as surely as a FIN.
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed before a whole line: " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A response as read: the status line, the header lines, the body as UTF-8. */
    record Response(String statusLine, List<String> headers, String body) {

        int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        /** @return the first value of the named header (any case), or null */
        String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(h -> h.substring(prefix.length()).trim()).findFirst().orElse(null);
        }
    }
}
