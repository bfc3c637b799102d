package io.couchgate.bootstrap.ui;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;

/**
 * Caching and precompressed bodies for the browser app's files ({@code couchgate.ui.dir}, served at {@code /} by
 * Micronaut's static resources {@code micronaut.router.static-resources.ui}). Only with {@code couchgate.ui.enabled}.
 * {@code /api}, {@code /database} and {@code /health} are never touched, nor any path that names no regular file of
 * the app (those keep their 404 or 401).
 * <ul>
 *   <li>{@code Cache-Control}: {@code public, max-age=31536000, immutable} for Vite's content-hashed
 *       {@code /assets/<name>-<hash>.js|css} (a new build gives new names; RFC 8246), {@code no-cache} for everything
 *       else ({@code /}, {@code /index.html}: the browser revalidates, and so sees a new build at once);</li>
 *   <li>a {@code GET} whose {@code Accept-Encoding} allows gzip ({@link AcceptEncoding}), for a file with a
 *       {@code <file>.gz} beside it (written by the app's build), answers that file's bytes with
 *       {@code Content-Encoding: gzip} and the original file's {@code Content-Type} (RFC 9110, section 8.4);</li>
 *   <li>every answer for a file with a {@code .gz} variant, compressed or not, carries {@code Vary: Accept-Encoding}
 *       (RFC 9110, section 12.5.5), so that no cache hands the gzip body to a client that did not ask for it.</li>
 * </ul>
 * Ordered after micronaut-security's filter, so its access rules ({@code intercept-url-map}) still decide first, and
 * inside {@code SecurityHeadersFilter}, which adds the pages' CSP and the other security headers to these answers too.
 */
@Filter("/**")
@Requires(property = "couchgate.ui.enabled", value = "true")
final class UiAssetsFilter implements HttpServerFilter {

    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";
    /** Vite's default asset names: {@code assets/[name]-[hash][extname]}, the hash 8 characters of base64url. */
    private static final Pattern HASHED_ASSET = Pattern.compile("/assets/[^/]+-[A-Za-z0-9_-]{8,}\\.(?:js|css)");

    private final Path root;

    /** @param dir the built app's folder ({@code couchgate.ui.dir}), relative to the working directory or absolute */
    UiAssetsFilter(@Value("${couchgate.ui.dir:examples/react-notes/dist}") String dir) {
        this.root = Path.of(dir).toAbsolutePath().normalize();
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        Optional<Path> file = appFile(request.getPath());
        if (file.isEmpty() || !(request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD)) {
            return chain.proceed(request);
        }
        Path gzip = file.get().resolveSibling(file.get().getFileName() + ".gz");
        boolean hasGzip = Files.isRegularFile(gzip);
        String cacheControl = HASHED_ASSET.matcher(request.getPath()).matches() ? IMMUTABLE : REVALIDATE;
        if (hasGzip && request.getMethod() == HttpMethod.GET
                && AcceptEncoding.allowsGzip(request.getHeaders().getAll(HttpHeaders.ACCEPT_ENCODING))) {
            return Publishers.just(gzipped(file.get(), gzip, cacheControl));
        }
        return Publishers.map(chain.proceed(request), response -> {
            if (response.getStatus() == HttpStatus.OK || response.getStatus() == HttpStatus.NOT_MODIFIED) {
                response.getHeaders().set(HttpHeaders.CACHE_CONTROL, cacheControl);
                if (hasGzip) {
                    response.getHeaders().set(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
                }
            }
            return response;
        });
    }

    private static MutableHttpResponse<?> gzipped(Path file, Path gzip, String cacheControl) {
        byte[] body;
        try {
            body = Files.readAllBytes(gzip);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + gzip, e);
        }
        MediaType type = MediaType.forFilename(file.getFileName().toString());
        return HttpResponse.ok(body).contentType(type).header(HttpHeaders.CONTENT_ENCODING, "gzip")
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                .header(HttpHeaders.CACHE_CONTROL, cacheControl);
    }

    /**
     * @param path the request path, as sent (percent-encoded)
     * @return the regular file of the app it names ({@code /} and a path ending in {@code /} name that folder's
     *         {@code index.html}); empty for {@code /api}, {@code /database}, {@code /health}, any path with a
     *         {@code ..} segment, a backslash or a percent sign, and any path outside the app's folder
     */
    private Optional<Path> appFile(String path) {
        if (!path.startsWith("/") || isUnder(path, "/api") || isUnder(path, "/database") || isUnder(path, "/health")
                || path.contains("..") || path.contains("\\") || path.contains("%") || path.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        String relative = path.substring(1) + (path.endsWith("/") ? "index.html" : "");
        Path file = root.resolve(relative).normalize();
        return file.startsWith(root) && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private static boolean isUnder(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
