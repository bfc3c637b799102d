package io.couchgate.adapters.http.proxy;

import io.couchgate.adapters.http.security.BearerAuthorization;
import io.couchgate.application.port.in.DropVanishedSessionUseCase;
import io.couchgate.application.port.in.ResolveDatabaseCredentialsUseCase;
import io.couchgate.application.port.in.VanishedSessionOutcome;
import io.couchgate.application.port.out.Metrics;
import io.couchgate.domain.Session;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpVersion;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.client.ProxyHttpClient;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.netty.NettyHttpResponseBuilder;
import io.micronaut.http.netty.stream.StreamedHttpResponse;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code /database/<path>?<query>} with any method → {@code <couchDbUrl>/<path>?<query>}, raw path and query unchanged,
 * both bodies streamed (architecture flow 5). Authenticates the bearer token itself and answers before any later
 * filter (the security filter included) runs, so no configuration elsewhere can let an anonymous request through.
 * 401 without a live session, 403 for a session opened with a one-time password (it has no CouchDB user: see
 * {@link CouchErrors#passwordChangeRequired()}), 400 for a query that cannot be decoded or repeats a parameter that
 * changes its meaning ({@link #UNAMBIGUOUS}), 403 for a refused path, 502 when CouchDB cannot be reached, 504 when
 * it is silent longer than the read timeout; CouchDB is contacted only after all checks pass. The query is parsed once
 * ({@link ParsedQuery}) and that one parse serves every rule and the choice of connection. Every {@code _changes}
 * request goes on a connection of its own that closes when the client's does, or when its session ends
 * ({@link NettySessionStreams}). {@code _local/<id>} is the session user's own document ({@link LocalDocumentProxy});
 * a {@code _local/} id anywhere else CouchDB would read one is refused ({@link LocalIdGuard}). When CouchDB answers
 * 401 to a session's own credentials, couchgate's admin is asked whether the session user still exists
 * ({@link DropVanishedSessionUseCase}, off the event loop, before any of the body is forwarded): if it vanished, the
 * session is dropped and the client gets couchgate's 401; else CouchDB's 401 passes unchanged (without
 * {@code WWW-Authenticate}, see {@link ProxyHeaders}). Other answers cost nothing extra.
 * Most plain requests never reach this filter: {@link DatabaseRelay} relays them below Micronaut after the same
 * checks ({@link RelayAdmission}); this filter serves the rest ({@code _changes}, {@code _local}, bodies that are
 * checked, durable sessions not cached yet) and gives every answer couchgate makes itself; each refusal among them
 * writes one audit entry ({@link DatabaseRefusalAudit}). Each answer it gives is reported with its latency
 * ({@link Metrics#databaseAnswer}, up to the answer's head), and each long-lived {@code _changes} feed while it is
 * open ({@link Metrics#feedOpened}).
 * Refuses to start while Micronaut's response compression or request decompression is
 * on ({@code micronaut.server.netty.compression-threshold: -1},
 * {@code micronaut.server.netty.request-decompression-enabled: false}), and under HTTP/2
 * ({@code micronaut.server.http-version: 2.0}).
 */
@Context
@Filter({DatabasePathRules.MOUNT, DatabasePathRules.MOUNT + "/**"})
@Requires(beans = DatabaseProxySettings.class)
final class DatabaseProxyFilter implements HttpServerFilter {

    /**
     * Parameters whose repetition changes what a request means (which feed, which filter or view, which documents,
     * revisions or starting point, whether revisions are replicated): CouchDB takes the last of them, other parsers
     * the first or all, so a repeated one is refused rather than guessed at.
     */
    static final Set<String> UNAMBIGUOUS = Set.of("feed", "filter", "view", "doc_ids", "since", "new_edits", "rev",
            "open_revs", "atts_since", "latest");
    /** Why a request naming a {@code _local} document by another route than {@code _local/<id>} is refused. */
    static final String LOCAL_ID_REFUSED = "_local documents are reached only through _local/<id>; this body is not "
            + "JSON or names one.";
    /** Bodies above this many bytes (1 MiB), or chunked ones, are sent without a read timeout. */
    private static final long LARGE_BODY_BYTES = 1L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseProxyFilter.class);

    private final ResolveDatabaseCredentialsUseCase sessions;
    private final DropVanishedSessionUseCase vanished;
    private final DatabasePathRules rules;
    private final LocationRewriter locations;
    private final CouchDbProxyClients clients;
    private final NettySessionStreams streams;
    private final DatabaseRefusalAudit refusals;
    private final LocalDocumentProxy localDocuments;
    private final String upstreamBase;
    private final Metrics metrics;

    DatabaseProxyFilter(ResolveDatabaseCredentialsUseCase sessions, DropVanishedSessionUseCase vanished,
                        DatabaseProxySettings settings, NettyHttpServerConfiguration server,
                        Optional<CouchDbTlsTrust> trust, NettySessionStreams streams,
                        DatabaseRefusalAudit refusals, Metrics metrics) {
        requireNoServerCompression(server);
        requireNoRequestDecompression(server);
        requireHttp11(server);
        this.sessions = sessions;
        this.vanished = vanished;
        this.streams = streams;
        this.refusals = refusals;
        this.metrics = metrics;
        this.rules = new DatabasePathRules(settings.databases());
        this.locations = new LocationRewriter(settings.couchDbUrl());
        this.clients = new CouchDbProxyClients(settings, trust);
        String base = settings.couchDbUrl().toString();
        this.upstreamBase = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.localDocuments = new LocalDocumentProxy(clients.pooled(), upstreamBase, locations, refusals);
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

    /**
     * Under {@code micronaut.server.http-version: 2.0} Micronaut's HTTP/2 connections would bypass what makes the proxy
     * CouchDB's twin and the server safe to expose: the relay (CouchDB's framing, raw request targets), couchgate's
     * CouchDB-style refusals of malformed targets, the header-read timeout and the cap on unauthenticated connections.
     * HTTP/2 belongs on a reverse proxy in front (nginx speaks it to browsers and HTTP/1.1 to couchgate).
     */
    private static void requireHttp11(NettyHttpServerConfiguration server) {
        if (server.getHttpVersion() == HttpVersion.HTTP_2_0) {
            throw new IllegalStateException("The /database proxy serves HTTP/1.1 only: set "
                    + "micronaut.server.http-version to 1.1 (put HTTP/2 on a reverse proxy in front)");
        }
    }

    /**
     * Micronaut would gunzip request bodies and drop their {@code Content-Encoding} on the way in: CouchDB 3 takes
     * gzip bodies itself (and stores a gzip attachment as sent), and a body inflated here could outgrow the request
     * size limit in mid-stream, after CouchDB has stored part of the request.
     */
    private static void requireNoRequestDecompression(NettyHttpServerConfiguration server) {
        if (server.isRequestDecompressionEnabled()) {
            throw new IllegalStateException("The /database proxy passes request bodies on unchanged: set "
                    + "micronaut.server.netty.request-decompression-enabled to false");
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        long started = System.nanoTime();
        return Mono.from(answerFor(request)).doOnNext(response -> metrics.databaseAnswer(response.code(),
                System.nanoTime() - started));
    }

    private Publisher<MutableHttpResponse<?>> answerFor(HttpRequest<?> request) {
        BearerAuthorization authorization =
                BearerAuthorization.of(request.getHeaders().getAll(HttpHeaders.AUTHORIZATION));
        Optional<String> token = authorization.token();
        if (token.isEmpty()) {
            return refuse(request, null, authorization.missing()
                    ? CouchErrors.unauthorized("Send a session token as Authorization: Bearer <token>.")
                    : CouchErrors.invalidToken());
        }
        Optional<Optional<Session>> known = sessions.resolveWithoutWaiting(token.get());
        if (known.isPresent()) {
            return proceed(request, token.get(), known.get());
        }
        // A durable session this instance must read from CouchDB first: never on the event loop.
        return Mono.fromCallable(() -> sessions.resolve(token.get()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(session -> Mono.from(proceed(request, token.get(), session)))
                .onErrorResume(failure -> Mono.just(CouchErrors.upstreamFailure(failure)));
    }

    private Publisher<MutableHttpResponse<?>> proceed(HttpRequest<?> request, String token,
                                                      Optional<Session> session) {
        if (session.isEmpty()) {
            return refuse(request, null, CouchErrors.invalidToken());
        }
        Session known = session.get();
        if (known.passwordChangeRequired()) {
            return refuse(request, known, CouchErrors.passwordChangeRequired());
        }
        URI uri = request.getUri();
        Optional<ParsedQuery> query = ParsedQuery.parse(uri.getRawQuery());
        if (query.isEmpty()) {
            return refuse(request, known,
                    CouchErrors.badRequest("The query string is not valid percent-encoded UTF-8."));
        }
        Optional<String> repeated = query.get().repeated(UNAMBIGUOUS);
        if (repeated.isPresent()) {
            return refuse(request, known, CouchErrors.badRequest("The query parameter " + repeated.get()
                    + " is given more than once, in one spelling or another."));
        }
        Optional<String> path = rules.upstreamPath(request.getMethodName(), uri.getRawPath(), query.get(),
                request.getHeaders().getAll("Destination"));
        if (path.isEmpty()) {
            return refuse(request, known, CouchErrors.forbidden());
        }
        if (LocalDocuments.namesLocal(path.get())) {
            Optional<LocalDocument> local = LocalDocuments.document(path.get(), session.get().username());
            if (local.isEmpty()) {
                return refuse(request, known, CouchErrors.forbidden());
            }
            Exchange localExchange = new Exchange(token, session.get(), path.get(), query.get());
            return Mono.from(localDocuments.forward(request, session.get(), local.get(), uri.getRawQuery()))
                    .flatMap(response -> response.code() == 401
                            ? unlessVanished(request, response, localExchange, () -> { }) : Mono.just(response));
        }
        Exchange exchange = new Exchange(token, session.get(), path.get(), query.get());
        if (LocalIdGuard.queryNamesLocal(path.get(), query.get())) {
            return refuse(request, known, CouchErrors.badRequest(LOCAL_ID_REFUSED));
        }
        if (LocalIdGuard.inspectsBody(request.getMethodName(), path.get())) {
            return forwardInspected(request, exchange, uri.getRawQuery());
        }
        return forward(request, exchange, uri.getRawQuery());
    }

    /**
     * A request that could name a {@code _local} document in its body ({@link LocalIdGuard}): buffered, checked,
     * then sent with the buffered body (large ones on a connection without the read timeout, as elsewhere).
     */
    private Publisher<MutableHttpResponse<?>> forwardInspected(HttpRequest<?> request, Exchange exchange,
                                                               String rawQuery) {
        URI target = upstreamTarget(exchange, rawQuery);
        if (target == null) {
            return refuse(request, exchange.session(), CouchErrors.badRequest());
        }
        boolean clientCloses = ProxyHeaders.asksToClose(request);
        return LocalDocumentProxy.requestBody(request)
                .<MutableHttpResponse<?>>flatMap(body -> {
                    if (LocalIdGuard.bodyNamesLocal(exchange.path(), body)) {
                        return refuse(request, exchange.session(), CouchErrors.badRequest(LOCAL_ID_REFUSED));
                    }
                    ProxyHttpClient client = body.length > LARGE_BODY_BYTES ? clients.dedicated(false)
                            : clients.pooled();
                    return Mono.from(client.proxy(LocalDocumentProxy.upstreamRequest(request, target,
                            exchange.session(), body))).map(this::answer);
                })
                .onErrorResume(failure -> Mono.just(CouchErrors.upstreamFailure(failure)))
                .map(response -> clientCloses ? keepClosing(response) : response);
    }

    /** @return CouchDB's URI for the exchange's path and the client's raw query, or null if it is not a URI */
    private URI upstreamTarget(Exchange exchange, String rawQuery) {
        try {
            return new URI(upstreamBase + exchange.path() + (rawQuery == null ? "" : "?" + rawQuery));
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private Publisher<MutableHttpResponse<?>> forward(HttpRequest<?> request, Exchange exchange, String rawQuery) {
        URI target = upstreamTarget(exchange, rawQuery);
        if (target == null) {
            return refuse(request, exchange.session(), CouchErrors.badRequest());
        }
        boolean clientCloses = ProxyHeaders.asksToClose(request);
        List<String> clientConnection = List.copyOf(request.getHeaders().getAll(HttpHeaders.CONNECTION));
        MutableHttpRequest<?> upstream = request.mutate().uri(target);
        ProxyHeaders.prepareRequest(upstream.getHeaders(), exchange.session().credentials());
        boolean changes = DatabasePathRules.isChanges(exchange.path());
        boolean largeBody = sendsLargeBody(request);
        boolean dedicated = changes || largeBody;
        ProxyHttpClient client = dedicated
                ? clients.dedicated(!largeBody && !exchange.query().asksForLongLivedFeed()) : clients.pooled();
        Watching watching = dedicated ? watch(request, upstream, exchange, changes) : Watching.NONE;
        Runnable release = watching.release();
        return Mono.from(client.proxy(upstream))
                .<MutableHttpResponse<?>>map(response -> {
                    if (dedicated) {
                        FeedDisconnects.whenUpstreamCloses(request, upstream, release);
                    }
                    return answer(response);
                })
                .onErrorResume(failure -> {
                    release.run();
                    if (clientGone(request)) {
                        // Its client left (or a graceful stop ended its feed) first, which closed this connection.
                        LOG.debug("CouchDB's answer went unread: the client's connection had closed ({})",
                                failure.getClass().getSimpleName());
                        return Mono.just(CouchErrors.badGateway());
                    }
                    return Mono.just(CouchErrors.upstreamFailure(failure));
                })
                .flatMap(response -> response.code() == 401
                        ? unlessVanished(request, response, exchange, watching.unregister()) : Mono.just(response))
                .map(response -> {
                    restoreConnection(upstream, clientConnection);
                    return clientCloses ? keepClosing(response) : response;
                });
    }

    /** couchgate's own refusal of the request, audited ({@link DatabaseRefusalAudit}); session null when unknown. */
    private Mono<MutableHttpResponse<?>> refuse(HttpRequest<?> request, Session session,
                                                MutableHttpResponse<?> refusal) {
        return Mono.just(refusals.refused(request, session, refusal));
    }

    /** @return whether the client's connection has closed (a request that did not come through Netty never has) */
    private static boolean clientGone(HttpRequest<?> request) {
        return FeedDisconnects.clientChannel(request).filter(channel -> !channel.isOpen()).isPresent();
    }

    /**
     * {@code request.mutate()} shares the client request's headers: the hop-by-hop ones removed for CouchDB, and a
     * {@code Connection: close} that the dedicated client writes when it will not keep its CouchDB connection, would
     * otherwise be read by Micronaut's server as the client's own, closing the client's keep-alive connection after
     * the answer (seen on about a quarter of streamed uploads and {@code _changes} requests). The client's own
     * {@code Connection} values are put back once CouchDB's answer is in.
     */
    private static void restoreConnection(MutableHttpRequest<?> upstream, List<String> clientConnection) {
        upstream.getHeaders().remove(HttpHeaders.CONNECTION);
        for (String value : clientConnection) {
            upstream.getHeaders().add(HttpHeaders.CONNECTION, value);
        }
    }

    /**
     * CouchDB refused the session's own credentials: asks (on a worker thread, the check is a blocking CouchDB
     * request) whether the session user is gone. Gone: CouchDB's body is discarded and couchgate's 401 sent; still
     * there, or the check failed: CouchDB's answer as it came. {@code unregister} runs first: dropping the session
     * ends its open streams, and the request being answered must not be one of them.
     */
    private Mono<MutableHttpResponse<?>> unlessVanished(HttpRequest<?> request, MutableHttpResponse<?> response,
                                                        Exchange exchange, Runnable unregister) {
        return Mono.fromCallable(() -> {
                    unregister.run();
                    return vanished.dropIfVanished(exchange.session());
                })
                .subscribeOn(Schedulers.boundedElastic())
                .<MutableHttpResponse<?>>map(outcome -> {
                    if (outcome == VanishedSessionOutcome.USER_EXISTS) {
                        return response;
                    }
                    if (outcome == VanishedSessionOutcome.DROPPED) {
                        LOG.warn("Dropped a session of {}: CouchDB refused its credentials and its session user is "
                                + "gone from _users", exchange.session().username());
                    }
                    discardBody(response);
                    return refusals.refused(request, exchange.session(), CouchErrors.invalidToken());
                })
                .onErrorResume(failure -> {
                    // The failure's message names the session user's doc, sid included: only its type is logged.
                    LOG.warn("CouchDB refused a session of {} and whether its session user still exists could not "
                            + "be checked ({}); CouchDB's 401 passes", exchange.session().username(),
                            failure.getClass().getSimpleName());
                    return Mono.just(response);
                });
    }

    /**
     * Reads and releases the unsent body of a CouchDB answer that is replaced (the proxy client streams it as
     * Netty {@code HttpContent}), so its buffers are freed and its connection goes back to the pool.
     */
    private static void discardBody(MutableHttpResponse<?> response) {
        if (response instanceof NettyHttpResponseBuilder builder && builder.isStream()
                && builder.toHttpResponse() instanceof StreamedHttpResponse streamed) {
            Flux.from(streamed).subscribe(ReferenceCountUtil::release, failure -> { });
        } else if (response.body() instanceof CloseableByteBody body) {
            body.close();
        }
    }

    /**
     * Before a request goes on a dedicated connection (a {@code _changes} request or a large upload): close that
     * connection when the client's closes, and the client's when the session ends or expires (both kinds are the
     * session's open streams, {@link NettySessionStreams}). The session is checked again once the request is
     * registered, so one that ended in between is not missed.
     *
     * @return stops watching (run when the CouchDB connection has closed or could not be used), and forgets the
     *     request as one of the session's open streams
     */
    private Watching watch(HttpRequest<?> request, MutableHttpRequest<?> upstream, Exchange exchange,
                           boolean changes) {
        Optional<Channel> clientChannel = FeedDisconnects.clientChannel(request);
        if (clientChannel.isEmpty()) {
            return Watching.NONE;
        }
        Runnable stopClosing = FeedDisconnects.closeWithClient(clientChannel.get(), upstream);
        Runnable forget = streams.register(exchange.session(), clientChannel.get());
        Runnable feedClosed = changes && exchange.query().asksForLongLivedFeed()
                ? openFeed(clientChannel.get()) : () -> { };
        closeIfEnded(exchange.token(), clientChannel.get());
        return new Watching(() -> {
            stopClosing.run();
            forget.run();
            feedClosed.run();
        }, forget);
    }

    /**
     * Counts a long-lived feed as open until its CouchDB connection closes or its client's does, whichever is first.
     *
     * @return counts it closed (idempotent)
     */
    private Runnable openFeed(Channel client) {
        metrics.feedOpened();
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                metrics.feedClosed();
            }
        };
        GenericFutureListener<Future<? super Void>> onClose = future -> close.run();
        client.closeFuture().addListener(onClose);
        return () -> {
            client.closeFuture().removeListener(onClose);
            close.run();
        };
    }

    /** The session may have ended between its resolution and the stream's registration: then close the stream. */
    private void closeIfEnded(String token, Channel client) {
        Optional<Optional<Session>> known = sessions.resolveWithoutWaiting(token);
        if (known.isPresent()) {
            if (known.get().isEmpty()) {
                client.close();
            }
            return;
        }
        Mono.fromCallable(() -> sessions.resolve(token)).subscribeOn(Schedulers.boundedElastic())
                .subscribe(session -> {
                    if (session.isEmpty()) {
                        client.close();
                    }
                }, failure -> client.close());
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

    private MutableHttpResponse<?> answer(MutableHttpResponse<?> response) {
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

    /**
     * What {@link #watch} set up for one request.
     *
     * @param release undoes all of it (idempotent)
     * @param unregister forgets the request as one of its session's open streams, and only that (idempotent)
     */
    private record Watching(Runnable release, Runnable unregister) {

        static final Watching NONE = new Watching(() -> { }, () -> { });
    }
}
