package io.couchgate.adapters.http.proxy;

import io.couchgate.application.port.in.ResolveDatabaseCredentialsUseCase;
import io.couchgate.domain.Session;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.netty.channel.Channel;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * {@code /database/<path>?<query>} with any method → {@code <couchDbUrl>/<path>?<query>}, raw path and query unchanged,
 * both bodies streamed (architecture flow 5). Authenticates the bearer token itself and answers before any later
 * filter (the security filter included) runs, so no configuration elsewhere can let an anonymous request through.
 * 401 without a live session, 403 for a refused path, 502 when CouchDB cannot be reached, 504 when it is silent
 * longer than the read timeout; CouchDB is contacted only after all checks pass. Refuses to start while Micronaut's
 * response compression is on ({@code micronaut.server.netty.compression-threshold: -1}).
 */
@Context
@Filter({DatabasePathRules.MOUNT, DatabasePathRules.MOUNT + "/**"})
@Requires(beans = DatabaseProxySettings.class)
final class DatabaseProxyFilter implements HttpServerFilter {

    private static final Pattern FEED = Pattern.compile("(^|&)feed=(longpoll|continuous|eventsource)(&|$)");
    /** Bodies above this many bytes (1 MiB), or chunked ones, are sent without a read timeout. */
    private static final long LARGE_BODY_BYTES = 1L << 20;

    private final ResolveDatabaseCredentialsUseCase sessions;
    private final DatabasePathRules rules;
    private final LocationRewriter locations;
    private final CouchDbProxyClients clients;
    private final String upstreamBase;

    DatabaseProxyFilter(ResolveDatabaseCredentialsUseCase sessions, DatabaseProxySettings settings,
                        NettyHttpServerConfiguration server, Optional<CouchDbTlsTrust> trust) {
        requireNoServerCompression(server);
        this.sessions = sessions;
        this.rules = new DatabasePathRules(settings.databases());
        this.locations = new LocationRewriter(settings.couchDbUrl());
        this.clients = new CouchDbProxyClients(settings, trust);
        String base = settings.couchDbUrl().toString();
        this.upstreamBase = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /**
     * Micronaut would gzip CouchDB's uncompressed answers on the way out: a changed body and {@code Content-Encoding},
     * and {@code _changes} feeds held back in the compressor (docs.couchdb.org best-practices/reverse-proxies.html).
     */
    private static void requireNoServerCompression(NettyHttpServerConfiguration server) {
        if (server.getCompressionThreshold() >= 0) {
            throw new IllegalStateException("The /database proxy passes CouchDB's bodies on unchanged: set "
                    + "micronaut.server.netty.compression-threshold to -1");
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        Optional<String> token = ProxyHeaders.bearerToken(request);
        if (token.isEmpty()) {
            return Mono.just(CouchErrors.unauthorized("Send a session token as Authorization: Bearer <token>."));
        }
        Optional<Session> session = sessions.resolve(token.get());
        if (session.isEmpty()) {
            return Mono.just(CouchErrors.unauthorized("The session token is invalid, expired or revoked."));
        }
        URI uri = request.getUri();
        Optional<String> path = rules.upstreamPath(request.getMethodName(), uri.getRawPath(), uri.getRawQuery(),
                request.getHeaders().getAll("Destination"));
        if (path.isEmpty()) {
            return Mono.just(CouchErrors.forbidden());
        }
        return forward(request, session.get(), path.get(), uri.getRawQuery());
    }

    private Publisher<MutableHttpResponse<?>> forward(HttpRequest<?> request, Session session, String path,
                                                      String rawQuery) {
        URI target;
        try {
            target = new URI(upstreamBase + path + (rawQuery == null ? "" : "?" + rawQuery));
        } catch (java.net.URISyntaxException e) {
            return Mono.just(CouchErrors.badRequest());
        }
        boolean clientCloses = ProxyHeaders.asksToClose(request);
        MutableHttpRequest<?> upstream = request.mutate().uri(target);
        ProxyHeaders.prepareRequest(upstream.getHeaders(), session.credentials());
        boolean feed = rawQuery != null && path.contains("/_changes") && FEED.matcher(rawQuery).find();
        return Mono.from(clients.client(feed || sendsLargeBody(request)).proxy(upstream))
                .<MutableHttpResponse<?>>map(response -> answer(request, upstream, response, feed))
                .onErrorResume(failure -> Mono.just(CouchErrors.upstreamFailure(failure)))
                .map(response -> clientCloses ? keepClosing(response) : response);
    }

    /**
     * A large upload is still being sent when the read timeout would fire (it counts from the request's start, not
     * from CouchDB's last word), so it goes through the client without one, like a feed: a 64 MiB attachment took
     * up to two minutes to reach the dev server on a loaded machine.
     */
    private static boolean sendsLargeBody(HttpRequest<?> request) {
        return request.getContentLength() > LARGE_BODY_BYTES
                || request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    private MutableHttpResponse<?> answer(HttpRequest<?> request, MutableHttpRequest<?> upstream,
                                          MutableHttpResponse<?> response, boolean feed) {
        if (feed) {
            FeedDisconnects.closeWithClient(request, upstream
                    .getAttribute(FeedDisconnects.CLIENT_CHANNEL_ATTRIBUTE, Channel.class).orElse(null));
        }
        ProxyHeaders.prepareResponse(response.getHeaders(), locations);
        return response;
    }

    /**
     * The upstream request shares its headers with the received one, so stripping {@code Connection} also hid the
     * client's {@code close} from Micronaut's server; saying it on the response makes the server close as asked.
     */
    private static MutableHttpResponse<?> keepClosing(MutableHttpResponse<?> response) {
        response.getHeaders().set(HttpHeaders.CONNECTION, "close");
        return response;
    }

    @PreDestroy
    void close() {
        clients.close();
    }
}
