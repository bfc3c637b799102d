package io.couchgate.adapters.couchdb;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A recording stand-in for CouchDB on the loopback interface, for rules that need CouchDB's exact paths or answers
 * without a real server: every request is recorded (method, raw path and query as sent, Authorization, body) and
 * answered by a script. Answers are JSON. Requests are answered concurrently, so a script may hold one answer back
 * (as a server holds a longpoll) while others are answered.
 */
final class StubCouchDb implements AutoCloseable {

    /**
     * @param method the HTTP method
     * @param target the raw request target (path and query, percent-encoding as sent)
     * @param authorization the Authorization header, or null
     * @param body the request body as UTF-8 text (empty when none)
     */
    record Request(String method, String target, String authorization, String body) {

        /** @return the method and target, e.g. {@code GET /_membership} */
        String line() {
            return method + " " + target;
        }
    }

    /**
     * @param status the status code
     * @param json the JSON body
     */
    record Answer(int status, String json) {
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** @param script answers each request; called on the server's thread */
    StubCouchDb(Function<Request, Answer> script) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> answer(exchange, script));
        server.setExecutor(handlers);
        server.start();
    }

    private void answer(HttpExchange exchange, Function<Request, Answer> script) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("Authorization"), body);
            requests.add(request);
            Answer answer = script.apply(request);
            byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** @return the base URL, e.g. {@code http://127.0.0.1:41234} */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** @return the requests so far, in arrival order */
    List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
