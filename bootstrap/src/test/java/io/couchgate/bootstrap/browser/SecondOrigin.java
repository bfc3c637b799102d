package io.couchgate.bootstrap.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The built example app on an origin of its own (another loopback port), as a CDN would serve it: the files of
 * {@code dist/} as they are, except that {@code index.html}'s {@code <meta name="couchgate-url">} names couchgate's
 * origin (the app's run-time setting, src/server.js), and every answer carries the pages' strict CSP with
 * {@code connect-src} widened to couchgate.
 */
final class SecondOrigin implements AutoCloseable {

    private static final String EMPTY_SETTING = "<meta name=\"couchgate-url\" content=\"\" />";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Path dist;
    private volatile URI couchgate;

    /** @param dist the built app; starts serving on a free loopback port at once */
    SecondOrigin(Path dist) throws IOException {
        this.dist = dist.toAbsolutePath().normalize();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    /** @return this server's origin, e.g. {@code http://127.0.0.1:41234} */
    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @param origin couchgate's origin, written into the page from now on */
    void callCouchgateAt(URI origin) {
        this.couchgate = origin;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Path file = dist.resolve(path.equals("/") ? "index.html" : path.substring(1)).normalize();
            if (!exchange.getRequestMethod().equals("GET") || !file.startsWith(dist) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = Files.readAllBytes(file);
            if (file.getFileName().toString().equals("index.html")) {
                body = withSetting(new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            }
            String name = file.getFileName().toString();
            exchange.getResponseHeaders().set("Content-Type",
                    TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream"));
            exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; script-src 'self'; "
                    + "style-src 'self'; img-src 'self' data:; connect-src 'self' " + origin(couchgate)
                    + "; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private String withSetting(String page) {
        if (!page.contains(EMPTY_SETTING)) {
            throw new IllegalStateException("the built index.html lacks " + EMPTY_SETTING);
        }
        return page.replace(EMPTY_SETTING, "<meta name=\"couchgate-url\" content=\"" + origin(couchgate) + "\" />");
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
