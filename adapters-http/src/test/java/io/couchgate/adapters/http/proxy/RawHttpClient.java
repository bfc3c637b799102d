package io.couchgate.adapters.http.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, so that tests send targets and headers exactly as written (no client normalises a
 * path, refuses {@code Connection} or adds its own headers), and read a streamed body piece by piece.
 */
final class RawHttpClient implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 15_000;

    private final Socket socket;
    private final InputStream in;

    RawHttpClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        in = socket.getInputStream();
    }

    /** Sends one request with {@code Connection: close} and reads the whole response. */
    static RawResponse exchange(int port, String method, String target, List<String> headers, String body)
            throws IOException {
        try (RawHttpClient client = new RawHttpClient(port)) {
            client.send(method, target, headers, body);
            RawResponse head = client.readHead();
            boolean noBody = method.equals("HEAD") || head.status() == 204 || head.status() == 304;
            return new RawResponse(head.status(), head.headers(), noBody ? new byte[0] : client.readBody(head));
        }
    }

    void send(String method, String target, List<String> headers, String body) throws IOException {
        StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n");
        headers.forEach(header -> request.append(header).append("\r\n"));
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            request.append("Content-Length: ").append(bytes.length).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Sends {@code request} (head and body) as it is, byte for byte, e.g. header values that are not UTF-8. */
    void sendRaw(byte[] request) throws IOException {
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();
    }

    /** Sends only the request head, announcing a body of {@code contentLength} bytes and waiting for 100-continue. */
    void sendHeadExpectingContinue(String method, String target, List<String> headers, int contentLength)
            throws IOException {
        StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n");
        headers.forEach(header -> request.append(header).append("\r\n"));
        request.append("Content-Length: ").append(contentLength).append("\r\nExpect: 100-continue\r\n")
                .append("Connection: close\r\n\r\n");
        socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    void sendBody(String body) throws IOException {
        socket.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** @return the socket's input, for reading what follows the head byte by byte */
    InputStream input() {
        return in;
    }

    /** @return true when the server closed the connection (the next read ends the stream) */
    boolean closedByServer() throws IOException {
        return in.read() < 0;
    }

    /**
     * Reads (and drops) what still arrives until the server ends the connection.
     *
     * @param deadline how long to keep reading
     * @return whether the connection ended (closed or reset) before the deadline
     */
    boolean endsWithin(Duration deadline) throws IOException {
        long until = System.nanoTime() + deadline.toNanos();
        byte[] buffer = new byte[1 << 16];
        while (System.nanoTime() < until) {
            try {
                if (in.read(buffer) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException silentButOpen) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }
        return false;
    }

    /** Reads the status line and headers; the body is left on the socket. */
    RawResponse readHead() throws IOException {
        String statusLine = readLine();
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, List<String>> headers = new TreeMap<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        return new RawResponse(status, headers, new byte[0]);
    }

    /** Reads a whole body after {@link #readHead()}, by chunked framing, Content-Length or until close. */
    byte[] readBody(RawResponse head) throws IOException {
        if (head.header("transfer-encoding").contains("chunked")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] chunk = readChunk(); chunk.length > 0; chunk = readChunk()) {
                out.writeBytes(chunk);
            }
            return out.toByteArray();
        }
        if (!head.header("content-length").isEmpty()) {
            return in.readNBytes(Integer.parseInt(head.header("content-length").get(0)));
        }
        return in.readAllBytes();
    }

    /** Reads the next chunk of a chunked body; an empty array is the last chunk. */
    byte[] readChunk() throws IOException {
        int size = Integer.parseInt(readLine().split(";")[0].trim(), 16);
        byte[] chunk = in.readNBytes(size);
        readLine();
        return chunk;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed in the middle of a line: " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
