package io.couchgate.bootstrap.proxy;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client on a raw socket: the request target goes out exactly as written (no normalisation, no
 * re-encoding, unlike the JDK client), one request per connection. Responses are framed by their length or chunks,
 * never by the connection closing. A {@code HEAD} is followed by a second request on the same connection, whose
 * status line must be the very next bytes: that proves the {@code HEAD} answer carried no body.
 */
final class RawHttp {

    private static final int TIMEOUT_MILLIS = 30_000;

    private RawHttp() {
    }

    /**
     * @param port loopback port of the server
     * @param method e.g. {@code GET}, {@code COPY}
     * @param target the request target as sent, e.g. {@code /database/posts/a%2Fb?rev=1-x}
     * @param headers header lines to send besides {@code Host}, {@code Connection} and {@code Content-Length}
     * @param body the body, or {@code null} for none
     * @return the whole response
     */
    static RawResponse send(int port, String method, String target, Map<String, String> headers, byte[] body) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            boolean isHead = method.equals("HEAD");
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append(isHead ? "\r\n" : "\r\nConnection: close\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            RawResponse response = read(in, isHead);
            if (!isHead) {
                return response;
            }
            return new RawResponse(response.status(), response.headers(), response.body(),
                    bytesAfterHead(in, out, port));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target + " on port " + port + " failed", e);
        }
    }

    /**
     * Whether anything but the next response followed a {@code HEAD} answer's headers: sends a second request on the
     * connection and checks that its status line comes next. A server may close a persistent connection between two
     * requests (RFC 9112, section 9.3; couchgate's own answers say {@code Connection: close}, and Node's server closes
     * idle ones): a connection that ends right after the headers carried no body either.
     */
    private static boolean bytesAfterHead(InputStream in, OutputStream out, int port) throws IOException {
        try {
            out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException closedByTheServer) {
            return in.read() >= 0;
        }
        in.mark(1);
        if (in.read() < 0) {
            return false;
        }
        in.reset();
        return !line(in).startsWith("HTTP/1.1 ");
    }

    private static RawResponse read(InputStream in, boolean head) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String line;
        while (!(line = line(in)).isEmpty()) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        byte[] body;
        if (head || status == 204 || status == 304) {
            body = new byte[0];
        } else if (String.join(",", headers.getOrDefault("transfer-encoding", List.of())).contains("chunked")) {
            body = dechunk(in);
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length").get(0)));
        } else {
            body = in.readAllBytes();
        }
        return new RawResponse(status, headers, body, false);
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
            if (size == 0) {
                while (!line(in).isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        if (b < 0 && line.size() == 0) {
            throw new IOException("connection closed before the response ended");
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
