package io.couchgate.bootstrap.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.CouchDbConnection;
import io.couchgate.adapters.couchdb.CouchDbSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The CouchDB health check is bounded: a CouchDB that accepts connections and never answers (a frozen process) is
 * DOWN after the bound (500 ms here), not after the connection's read timeout (10 min here, so that a generous wait
 * for the two answers tells the two apart on a slow machine; how fast is not measured).
 */
class CouchDbHealthIndicatorTest {

    @Test
    void couchDbThatNeverAnswers_isDownWithinTheBound_andAHangingCheckIsShared() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             CouchDbConnection couch = CouchDbConnection.open(new CouchDbSettings(
                     URI.create("http://127.0.0.1:" + silent.getLocalPort()), Duration.ofSeconds(2),
                     Duration.ofMinutes(10), null, false))) {
            Thread acceptor = new Thread(() -> acceptForever(silent, accepted));
            acceptor.setDaemon(true);
            acceptor.start();
            CouchDbHealthIndicator health = new CouchDbHealthIndicator(couch, Duration.ofMillis(500));

            CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(health::couchDbAnswers);
            assertThat(first.get(30, TimeUnit.SECONDS)).isFalse(); // an answer at all: the read timeout is 10 min
            CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(health::couchDbAnswers);
            assertThat(second.get(30, TimeUnit.SECONDS)).isFalse();
            synchronized (accepted) {
                assertThat(accepted).hasSize(1); // the second health request waited for the same hanging check
            }
            health.stop();
        } finally {
            synchronized (accepted) {
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
        }
    }

    private static void acceptForever(ServerSocket server, List<Socket> accepted) {
        try {
            while (true) {
                Socket socket = server.accept();
                synchronized (accepted) {
                    accepted.add(socket);
                }
            }
        } catch (IOException closed) {
            // the test is over
        }
    }
}
