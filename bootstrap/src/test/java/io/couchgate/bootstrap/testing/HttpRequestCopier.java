package io.couchgate.bootstrap.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Copies HTTP/1.1 requests (RFC 9112) from one stream to another byte for byte, one request at a time, and says what
 * each request line was. Bodies are framed by {@code Content-Length} or {@code Transfer-Encoding: chunked}.
 */
final class HttpRequestCopier {

    private final InputStream in;
    private final OutputStream out;
    private final Consumer<String> onRequestLine;

    HttpRequestCopier(InputStream in, OutputStream out) {
        this(in, out, line -> { });
    }

    /**
     * @param onRequestLine told each request line as soon as it is read, before any of its request has been flushed
     *                      to {@code out} (so before the upstream can answer it)
     */
    HttpRequestCopier(InputStream in, OutputStream out, Consumer<String> onRequestLine) {
        this.in = in;
        this.out = out;
        this.onRequestLine = onRequestLine;
    }

    /**
     * @return the head of the request just copied: its request line, then its header lines; {@code null} at the end
     *     of the stream
     */
    List<String> copyNextRequest() throws IOException {
        String requestLine = copyLine();
        if (requestLine == null) {
            return null;
        }
        onRequestLine.accept(requestLine);
        List<String> head = new ArrayList<>(List.of(requestLine));
        long contentLength = 0;
        boolean chunked = false;
        String header;
        while ((header = copyLine()) != null && !header.isEmpty()) {
            head.add(header);
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                contentLength = Long.parseLong(header.substring("content-length:".length()).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        out.flush();
        if (chunked) {
            copyChunks();
        } else {
            copyBytes(contentLength);
        }
        out.flush();
        return head;
    }

    private void copyChunks() throws IOException {
        while (true) {
            String sizeLine = copyLine();
            if (sizeLine == null) {
                throw new IOException("stream ended inside a chunked body");
            }
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
            if (size == 0) {
                String trailer;
                while ((trailer = copyLine()) != null && !trailer.isEmpty()) {
                    // trailers pass on unchanged
                }
                return;
            }
            copyBytes(size);
            copyLine(); // the CRLF after the chunk data
            out.flush();
        }
    }

    private void copyBytes(long count) throws IOException {
        byte[] buffer = new byte[65536];
        long left = count;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("stream ended inside a body");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    /** Copies one line including its CRLF; returns it without the line end, or null at the end of the stream. */
    private String copyLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            out.write(b);
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
