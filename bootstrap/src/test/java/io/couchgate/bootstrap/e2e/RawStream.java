package io.couchgate.bootstrap.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request on a raw socket whose answer a test reads piece by piece (a feed, a download read slowly):
 * the head first, then the body as the test asks, with every framing error thrown as an {@link IOException}.
 */
final class RawStream implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private int status;

    private RawStream(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /**
     * @param port couchgate's port on loopback
     * @param receiveBuffer the socket's receive buffer in bytes (small: the server soon waits for this reader)
     * @param target the request target
     * @param token the Bearer token
     * @return the stream, its request sent
     */
    static RawStream get(int port, int receiveBuffer, String target, String token) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.setSoTimeout(30_000);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + token + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return new RawStream(socket);
    }

    /** Reads the status line and headers (names in lower case); returns the status. */
    int readHead() throws IOException {
        status = Integer.parseInt(line().split(" ")[1]);
        String line;
        while (!(line = line()).isEmpty()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return status;
    }

    /** @return a header of the answer read so far, or null */
    String header(String name) {
        return headers.get(name);
    }

    /** @return exactly {@code n} bytes of a {@code Content-Length} body */
    byte[] readExactly(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) {
            throw new IOException("the body ended after " + bytes.length + " of " + n + " bytes");
        }
        return bytes;
    }

    /** @return the rest of a chunked body, up to and with its terminating zero-size chunk */
    byte[] readChunkedToEnd() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            body.write(readExactly(size));
            if (!line().isEmpty()) {
                throw new IOException("a chunk did not end with CRLF");
            }
        }
    }

    /** @return whether the server closed the connection (end of stream) after what was read */
    boolean closedByServer() throws IOException {
        return in.read() < 0;
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        if (b < 0) {
            throw new IOException("the connection closed in mid-answer (after '" + line + "')");
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
