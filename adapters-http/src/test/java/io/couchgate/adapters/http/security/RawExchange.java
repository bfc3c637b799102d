package io.couchgate.adapters.http.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 request over a plain socket with exactly the headers given, {@code Host} included (what a reverse
 * proxy sends), and its whole response.
 *
 * @param status the status code
 * @param headers every header value, names in lower case
 * @param body the body, de-chunked, as UTF-8
 */
record RawExchange(int status, Map<String, List<String>> headers, String body) {

    private static final int TIMEOUT_MILLIS = 15_000;

    /**
     * @param port the server's loopback port
     * @param head the request line's method and target, e.g. {@code PUT /api/users}
     * @param headers complete header lines, {@code Host} first
     * @param body a body (sent with {@code Content-Length}), or null
     */
    static RawExchange send(int port, String head, List<String> headers, String body) throws IOException {
        StringBuilder request = new StringBuilder(head + " HTTP/1.1\r\n");
        headers.forEach(header -> request.append(header).append("\r\n"));
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            request.append("Content-Length: ").append(bytes.length).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return read(socket.getInputStream(), head.startsWith("HEAD "));
        }
    }

    List<String> header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    private static RawExchange read(InputStream in, boolean head) throws IOException {
        int status = Integer.parseInt(line(in).split(" ")[1]);
        Map<String, List<String>> headers = new TreeMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        byte[] body;
        if (head || status == 204 || status == 304) {
            body = new byte[0];
        } else if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
                out.writeBytes(in.readNBytes(size));
                line(in);
            }
            body = out.toByteArray();
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length").get(0)));
        } else {
            body = in.readAllBytes();
        }
        return new RawExchange(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static int chunkSize(InputStream in) throws IOException {
        return Integer.parseInt(line(in).split(";")[0].trim(), 16);
    }

    private static String line(InputStream in) throws IOException {
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
}
