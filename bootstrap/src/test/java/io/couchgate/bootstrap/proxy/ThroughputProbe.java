package io.couchgate.bootstrap.proxy;

import static io.couchgate.bootstrap.proxy.CouchgateStack.bytes;
import static io.couchgate.bootstrap.proxy.CouchgateStack.json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * A measurement, not a test (no assertion; its name keeps it out of the suite): small-document GETs per second
 * through couchgate versus straight to the same dev CouchDB, 16 threads for 5 s each, keep-alive connections.
 * Run it on purpose: {@code ./mvnw -B -q verify -pl bootstrap -am -Dtest=ThroughputProbe
 * -Dsurefire.failIfNoSpecifiedTests=false}; the numbers are printed.
 */
class ThroughputProbe {

    private static final int THREADS = 16;
    private static final Duration RUN = Duration.ofSeconds(5);

    @Test
    void measureSmallDocumentGets_throughCouchgate_versusDirect() throws Exception {
        try (CouchgateStack stack = CouchgateStack.start(false, java.util.Map.of())) {
            String token = stack.signUpAndLogIn("alice");
            stack.through("PUT", "/database/posts/alice:small", token, json(),
                    bytes("{\"owner\":\"alice\",\"text\":\"hi\"}"));
            HttpRequest viaCouchgate = get("http://127.0.0.1:" + stack.couchgatePort() + "/database/posts/alice:small",
                    "Bearer " + token);
            HttpRequest direct = get("http://127.0.0.1:" + stack.couchDbPort() + "/posts/alice:small",
                    stack.adminAuthorization());
            measure(viaCouchgate, Duration.ofSeconds(2)); // warm-up
            measure(direct, Duration.ofSeconds(2));
            double gate = measure(viaCouchgate, RUN);
            double straight = measure(direct, RUN);
            gate = (gate + measure(viaCouchgate, RUN)) / 2;
            straight = (straight + measure(direct, RUN)) / 2;
            System.out.printf("THROUGHPUT couchgate %.0f req/s, direct %.0f req/s, ratio %.2f%n", gate, straight,
                    gate / straight);
        }
    }

    private static HttpRequest get(String url, String authorization) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                .header("Accept", "application/json").build();
    }

    private static double measure(HttpRequest request, Duration run) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        LongAdder ok = new LongAdder();
        LongAdder failed = new LongAdder();
        long end = System.nanoTime() + run.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    try {
                        int status = client.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
                        (status == 200 ? ok : failed).increment();
                    } catch (Exception e) {
                        failed.increment();
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.printf("%s: %d ok, %d failed%n", request.uri(), ok.sum(), failed.sum());
        return ok.sum() / (double) run.toSeconds();
    }
}
