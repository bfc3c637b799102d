package io.couchgate.bootstrap.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.couchgate.bootstrap.ConfigurationException;
import io.couchgate.bootstrap.admin.AdminEnvironment;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management listener: {@code GET /prometheus} answers the Prometheus text exposition format (version 0.0.4)
 * of every registered series, on {@code couchgate.management.host}:{@code port} (default {@code 127.0.0.1:8081}),
 * apart from the main server, so nothing of it is reachable through couchgate's public port. Micronaut's own
 * management port ({@code endpoints.all.port}) would move {@code /health} too and cannot choose its address, hence
 * this small listener (the JDK's HTTP server, one thread). Every other path is 404, every other method 405. It has
 * no authentication: keep it on loopback or a private network. A port already taken stops the start with the key to
 * change; port 0 takes a free one. {@code couchgate.management.enabled: false} opens nothing, and neither does the
 * admin CLI (it runs beside a server that holds the port).
 */
@Context
@Requires(notEnv = AdminEnvironment.NAME)
@Requires(property = "couchgate.management.enabled", notEquals = "false")
public final class ManagementListener {

    /** The scrape path. */
    public static final String PATH = "/prometheus";
    private static final Logger LOG = LoggerFactory.getLogger(ManagementListener.class);
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final HttpServer server;
    private final ExecutorService thread;

    ManagementListener(PrometheusMeterRegistry registry,
                       @Value("${couchgate.management.host:127.0.0.1}") String host,
                       @Value("${couchgate.management.port:8081}") int port) {
        this.registry = registry;
        try {
            this.server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new ConfigurationException("couchgate.management.port " + port + " on " + host + " cannot be "
                    + "bound (" + e.getMessage() + "): free it, or set couchgate.management.port to another port");
        }
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "couchgate-management");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(thread);
        server.createContext("/", this::handle);
        server.start();
        LOG.info("metrics at http://{}:{}{}", host, address().getPort(), PATH);
    }

    /** @return the address the listener is bound to (its port is the real one when 0 was configured) */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!exchange.getRequestURI().getRawPath().equals(PATH)) {
                send(exchange, 404, "text/plain; charset=utf-8", "not found: the scrape path is " + PATH + "\n");
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
            } else {
                send(exchange, 200, CONTENT_TYPE, registry.scrape());
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @PreDestroy
    void stop() {
        server.stop(0);
        thread.shutdownNow();
    }
}
