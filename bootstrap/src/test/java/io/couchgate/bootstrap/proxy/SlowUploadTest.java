package io.couchgate.bootstrap.proxy;

import static io.couchgate.bootstrap.proxy.CouchgateStack.bytes;
import static io.couchgate.bootstrap.proxy.CouchgateStack.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The read timeout is how long CouchDB may stay silent; an upload whose bytes keep flowing for longer than that
 * is not cut off (CouchDB cannot answer before the body ends).
 */
class SlowUploadTest {

    private static final int SIZE = 2 * 1024 * 1024;
    private static final int PIECE = 64 * 1024;

    @Test
    void uploadTakingLongerThanTheReadTimeout_whileBytesKeepFlowing_isStored() throws Exception {
        try (CouchgateStack stack = CouchgateStack.start(false, Map.of("couchgate.couchdb.read-timeout", "2s"))) {
            String alice = stack.signUpAndLogIn("alice");
            var created = stack.through("PUT", "/database/posts/alice:slow", alice, json(),
                    bytes("{\"owner\":\"alice\"}"));
            assertThat(created.status()).isEqualTo(201);
            String rev = (String) stack.parse(created.bodyText()).get("rev");

            String statusLine = trickle(stack.couchgatePort(), "/database/posts/alice:slow/a.bin?rev=" + rev, alice);

            assertThat(statusLine).startsWith("HTTP/1.1 201");
        }
    }

    /** Sends {@value #SIZE} bytes in pieces of {@value #PIECE}, pausing 100 ms between them (about 3.2 s in all). */
    private static String trickle(int port, String target, String token) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + SIZE
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] piece = new byte[PIECE];
            Arrays.fill(piece, (byte) 'x');
            for (int sent = 0; sent < SIZE; sent += PIECE) {
                out.write(piece);
                out.flush();
                Thread.sleep(100); // pacing the upload, not synchronisation: the test is about a slow sender
            }
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }
}
