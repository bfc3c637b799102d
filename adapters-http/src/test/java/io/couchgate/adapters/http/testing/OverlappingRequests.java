package io.couchgate.adapters.http.testing;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Sends many requests at once (each on its own connection, none waiting for another) and lets a test wait until a
 * given number have been answered, so that it can release the ones the server holds and then read every answer.
 */
public final class OverlappingRequests {

    /** How long any wait here lasts at most. */
    public static final Duration GENEROUS = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(GENEROUS).build();
    private final List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    private int answered;

    private OverlappingRequests() {
    }

    /**
     * @param count how many requests
     * @param request makes the i-th request (0-based)
     * @return the requests, all sent without waiting
     */
    public static OverlappingRequests send(int count, IntFunction<HttpRequest> request) {
        OverlappingRequests requests = new OverlappingRequests();
        for (int i = 0; i < count; i++) {
            CompletableFuture<HttpResponse<String>> response =
                    requests.http.sendAsync(request.apply(i), HttpResponse.BodyHandlers.ofString());
            response.whenComplete((r, e) -> requests.oneAnswered());
            requests.sent.add(response);
        }
        return requests;
    }

    /**
     * @param count how many answers to wait for
     * @return whether that many had arrived within {@link #GENEROUS}
     */
    public synchronized boolean awaitAnswered(int count) throws InterruptedException {
        long deadline = System.nanoTime() + GENEROUS.toNanos();
        while (answered < count) {
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                return false;
            }
            wait(leftMillis);
        }
        return true;
    }

    /** @return how many requests were sent */
    public int size() {
        return sent.size();
    }

    /** @return how many have been answered so far */
    public synchronized int answered() {
        return answered;
    }

    private synchronized void oneAnswered() {
        answered++;
        notifyAll();
    }

    /** @return every response, in sending order, once all have arrived (waits at most {@link #GENEROUS}) */
    public List<HttpResponse<String>> all() throws Exception {
        List<HttpResponse<String>> out = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> response : sent) {
            out.add(response.get(GENEROUS.toSeconds(), TimeUnit.SECONDS));
        }
        return out;
    }

    /** @return how many responses had each status, once all have arrived */
    public Map<Integer, Integer> statusCounts() throws Exception {
        Map<Integer, Integer> counts = new TreeMap<>();
        for (HttpResponse<String> response : all()) {
            counts.merge(response.statusCode(), 1, Integer::sum);
        }
        return counts;
    }
}
