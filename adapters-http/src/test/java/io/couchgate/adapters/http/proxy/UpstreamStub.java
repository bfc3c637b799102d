package io.couchgate.adapters.http.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A CouchDB stand-in on a random local port (JDK HttpServer, which hands out the raw request target): records every
 * request, then lets the current handler answer (by default 200 {@code {"ok":true}}).
 */
final class UpstreamStub implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger begun = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger cutOffBodies =
            new java.util.concurrent.atomic.AtomicInteger();
    private volatile HttpHandler handler = exchange -> respond(exchange, 200, "{\"ok\":true}\n");

    UpstreamStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::record);
        server.setExecutor(executor);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    RecordedRequest onlyRequest() {
        if (requests.size() != 1) {
            throw new AssertionError("expected exactly one upstream request, got " + requests);
        }
        return requests.get(0);
    }

    /** @return how many request bodies ended before their declared length (the connection closed under them) */
    int cutOffBodies() {
        return cutOffBodies.get();
    }

    /** @return how many requests have reached the stub, their bodies read or not */
    int begun() {
        return begun.get();
    }

    void answerWith(HttpHandler next) {
        this.handler = next;
    }

    void reset() {
        requests.clear();
        cutOffBodies.set(0);
        begun.set(0);
        handler = exchange -> respond(exchange, 200, "{\"ok\":true}\n");
    }

    private void record(HttpExchange exchange) throws IOException {
        begun.incrementAndGet();
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values));
        byte[] body;
        try {
            body = exchange.getRequestBody().readAllBytes();
        } catch (IOException cutOff) {
            cutOffBodies.incrementAndGet();
            throw cutOff;
        }
        requests.add(new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                headers, body));
        handler.handle(exchange);
    }

    static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
