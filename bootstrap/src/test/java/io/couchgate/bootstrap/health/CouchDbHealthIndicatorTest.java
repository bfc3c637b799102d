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
import org.junit.jupiter.api.Test;

/**
 * The CouchDB health check is bounded: a CouchDB that accepts connections and never answers (a frozen process) is
 * DOWN after the bound, not after the connection's read timeout.
 */
class CouchDbHealthIndicatorTest {

    @Test
    void couchDbThatNeverAnswers_isDownWithinTheBound_andAHangingCheckIsShared() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             CouchDbConnection couch = CouchDbConnection.open(new CouchDbSettings(
                     URI.create("http://127.0.0.1:" + silent.getLocalPort()), Duration.ofSeconds(2),
                     Duration.ofSeconds(60), null, false))) {
            Thread acceptor = new Thread(() -> acceptForever(silent, accepted));
            acceptor.setDaemon(true);
            acceptor.start();
            CouchDbHealthIndicator health = new CouchDbHealthIndicator(couch, Duration.ofMillis(500));

            long start = System.nanoTime();
            boolean first = health.couchDbAnswers();
            boolean second = health.couchDbAnswers();
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(first).isFalse();
            assertThat(second).isFalse();
            assertThat(elapsedMillis).isLessThan(10_000); // two bounded waits, far below the 60 s read timeout
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
