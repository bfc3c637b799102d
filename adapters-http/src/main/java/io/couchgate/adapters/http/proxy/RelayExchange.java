package io.couchgate.adapters.http.proxy;

import io.couchgate.application.port.in.VanishedSessionOutcome;
import io.couchgate.domain.Session;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.util.ArrayDeque;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One request relayed to CouchDB and its answer relayed back, on the client connection's event loop. Both bodies stream
 * with backpressure: the client is read only while the CouchDB connection is writable, CouchDB only while the client
 * connection is writable. CouchDB's framing is kept ({@code Content-Length} stays, chunked stays chunked); an HTTP/1.0
 * client gets the length or, for a chunked answer, a body delimited by the connection's close (RFC 9112, sections 6.3
 * and 7.1). When the client's connection closes, the CouchDB connection is closed at once; when CouchDB's closes before
 * its answer is whole, the client's is closed too, so a cut-off body never looks whole. Before the answer: 502 when
 * CouchDB cannot be reached (a reused connection that closed before any answer is tried once more on a new one for a
 * request without a body, RFC 9112 section 9.3.1), 504 after {@code readTimeout} of silence; in mid-answer that silence
 * closes both connections. A 401 from CouchDB waits, unread, while couchgate's admin checks whether the session user
 * vanished, as {@link DatabaseProxyFilter} does. The exchange is one of the session's open streams
 * ({@link NettySessionStreams}) while it lasts. Its answer's status and the time from the request's head to the answer's
 * head are reported once ({@code Metrics#databaseAnswer}: two field writes and one pre-resolved timer, no lookup).
 */
final class RelayExchange {

    private static final Logger LOG = LoggerFactory.getLogger(RelayExchange.class);
    /** The proxy's session warnings go where {@link DatabaseProxyFilter}'s go, whichever path served the request. */
    private static final Logger SESSIONS_LOG = LoggerFactory.getLogger(DatabaseProxyFilter.class);

    private final ChannelHandlerContext client;
    private final HttpRequest request;
    private final Exchange exchange;
    private final RelayServices services;
    private final Runnable done;
    private final boolean http10;
    private final String origin;
    private final boolean secure;
    private final ArrayDeque<HttpContent> pending = new ArrayDeque<>();
    private boolean closeClient;
    private Channel upstream;
    private boolean reused;
    private boolean retried;
    private boolean headSent;
    private boolean requestEnded;
    private boolean requestSent;
    private boolean unflushed;
    private long bodyBytes;
    private boolean responseSeen;
    private boolean responseStarted;
    private boolean upstreamKeepAlive;
    private boolean skippingInformational;
    private boolean upstreamPaused;
    private HttpResponse held;
    private final ArrayDeque<HttpContent> heldBody = new ArrayDeque<>();
    private boolean heldBodyEnded;
    private boolean discarding;
    private boolean checking;
    private boolean finished;
    private long lastActivity;
    private final SilenceWatch silence;
    private final BasicHeaderCache basics;
    private final String upstreamTarget;
    private Runnable forgetStream = () -> { };
    private final long startedNanos = System.nanoTime();
    private boolean measured;

    /**
     * @param client the relay handler's context on the client connection
     * @param request the client's request head
     * @param exchange what the checks found (session, upstream path)
     * @param services what all exchanges share
     * @param silence the client connection's read-timeout clock
     * @param basics the client connection's cache of the session's {@code Authorization} value
     * @param done run once when the exchange is over and the connection may go on with its next request (not run
     *     when the exchange closes the client connection)
     */
    RelayExchange(ChannelHandlerContext client, HttpRequest request, Exchange exchange, RelayServices services,
                  SilenceWatch silence, BasicHeaderCache basics, Runnable done) {
        this.client = client;
        this.silence = silence;
        this.basics = basics;
        this.request = request;
        this.exchange = exchange;
        this.services = services;
        this.done = done;
        this.http10 = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
        this.closeClient = !HttpUtil.isKeepAlive(request);
        this.origin = request.headers().get(HttpHeaderNames.ORIGIN);
        this.secure = client.pipeline().get(SslHandler.class) != null;
        String uri = request.uri();
        int mark = uri.indexOf('?');
        this.upstreamTarget = mark < 0 ? services.basePath() + exchange.path()
                : services.basePath() + exchange.path() + uri.substring(mark);
    }

    /** Registers the transfer with its session and connects to CouchDB. */
    void start() {
        if (HttpUtil.is100ContinueExpected(request)) {
            client.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
        forgetStream = services.streams().register(exchange.session(), client.channel());
        Optional<Optional<Session>> now = services.sessions().resolveWithoutWaiting(exchange.token());
        if (now.isPresent() && now.get().isEmpty()) {
            client.close();
            return;
        }
        connect(true);
    }

    private void connect(boolean pooled) {
        services.connections().acquire(client.channel(), pooled).addListener(this::connected);
    }

    private void connected(Future<? super UpstreamConnections.Pooled> future) {
        if (!future.isSuccess()) {
            if (!finished) {
                LOG.warn("CouchDB cannot be reached: {}", future.cause().toString());
                answerError(HttpResponseStatus.BAD_GATEWAY, "bad_gateway", CouchErrors.BAD_GATEWAY_REASON, null);
            }
            return;
        }
        UpstreamConnections.Pooled pooled = (UpstreamConnections.Pooled) future.getNow();
        if (finished) {
            pooled.channel().close();
            return;
        }
        upstream = pooled.channel();
        reused = pooled.reused();
        upstream.pipeline().get(UpstreamHandler.class).attach(this);
        upstream.write(upstreamRequest());
        headSent = true;
        while (!pending.isEmpty()) {
            writeUpstream(pending.poll());
        }
        upstream.flush();
        upstreamReading(true);
        if (wantsClientData()) {
            client.read();
        }
    }

    /**
     * CouchDB's request head: the client's headers changed in place (not copied; a retry prepares them again, which
     * changes nothing more) and the raw target moved below CouchDB's base path.
     */
    private HttpRequest upstreamRequest() {
        HttpHeaders headers = request.headers();
        RelayHeaders.prepareRequest(headers, basics.basic(exchange.session().credentials()),
                services.connections().hostHeader());
        // The target was checked to be visible ASCII on admission: Netty need not scan it again.
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, request.method(), upstreamTarget, headers, false);
    }

    /** @return whether the client's body is still to come and CouchDB's connection can take more of it */
    boolean wantsClientData() {
        return !finished && !requestEnded && headSent && upstream.isWritable();
    }

    /**
     * Writes the next piece of the client's body towards CouchDB, unflushed: {@link #flushUpstream} follows once the
     * client's current read is over, so a body that came in many pieces goes out in a few writes.
     *
     * @param content the next piece of the client's body (ownership passes to the exchange)
     */
    void clientContent(HttpContent content) {
        if (finished) {
            content.release();
            return;
        }
        bodyBytes += content.content().readableBytes();
        if (bodyBytes > services.maxRequestSize()) {
            content.release();
            abort("the request body passed micronaut.server.max-request-size");
            return;
        }
        requestEnded = content instanceof LastHttpContent;
        if (!headSent) {
            pending.add(content);
            return;
        }
        writeUpstream(content);
        unflushed = true;
    }

    /** Flushes what {@link #clientContent} wrote towards CouchDB since the last flush. */
    void flushUpstream() {
        if (unflushed && !finished) {
            unflushed = false;
            upstream.flush();
        }
    }

    private void writeUpstream(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        upstream.write(content);
        if (last) {
            requestSent = true;
            armTimer();
        }
    }

    /** CouchDB's connection can take more (or no more) of the body. */
    void upstreamWritabilityChanged() {
        if (wantsClientData()) {
            client.read();
        }
    }

    /** The client connection can take more (or no more) of the answer. */
    void clientWritabilityChanged() {
        if (!finished && upstreamPaused && client.channel().isWritable()) {
            upstreamPaused = false;
            lastActivity = System.nanoTime();
            upstreamReading(true);
        }
    }

    /** @param msg a response head or body piece from CouchDB (ownership passes to the exchange) */
    void upstreamRead(Object msg) {
        lastActivity = System.nanoTime();
        if (finished) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpResponse response) {
            if (!response.decoderResult().isSuccess()) {
                ReferenceCountUtil.release(msg);
                upstream.close();
                return;
            }
            responseSeen = true;
            if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
                skippingInformational = true;
            } else if (response.status().code() == 401) {
                upstreamReading(false);
                held = response;
                checkVanished();
            } else {
                sendHead(response);
            }
        }
        if (msg instanceof HttpContent content) {
            bodyPiece(content);
        }
    }

    private void bodyPiece(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (skippingInformational) {
            content.release();
            skippingInformational = !last;
            return;
        }
        if (held != null) {
            heldBody.add(content);
            heldBodyEnded = last;
            return;
        }
        if (discarding) {
            content.release();
            if (last) {
                invalidToken(true);
            }
            return;
        }
        if (last) {
            answerEnded(content);
        } else {
            client.write(content);
        }
    }

    /** CouchDB's reading of this batch is over: flush to the client, and read on if the client can take more. */
    void upstreamReadComplete() {
        if (finished) {
            return;
        }
        client.flush();
        if (checking) {
            return;
        }
        if (!client.channel().isWritable() && !discarding) {
            upstreamReading(false);
            upstreamPaused = true;
        }
    }

    /**
     * CouchDB's connection reads by itself ({@code autoRead}) while the client can take what it sends, so a busy
     * exchange changes no read interest per message; it stops while the client's connection is full or a 401 is
     * being checked. A pooled connection keeps reading (what arrives there closes it).
     */
    private void upstreamReading(boolean on) {
        upstream.config().setAutoRead(on);
    }

    private void sendHead(HttpResponse response) {
        upstreamKeepAlive = HttpUtil.isKeepAlive(response);
        HttpHeaders headers = response.headers();
        RelayHeaders.prepareResponse(headers, services.locations());
        RelayHeaders.addCouchgateHeaders(headers, services.cors(), origin, secure);
        frame(response);
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
        client.write(response);
        responseStarted = true;
        measure(response.status().code());
    }

    /** CouchDB's framing for the client; see the class comment. */
    private void frame(HttpResponse response) {
        HttpHeaders headers = response.headers();
        int code = response.status().code();
        boolean bodyless = HttpMethod.HEAD.equals(request.method()) || code == 204 || code == 304;
        boolean chunked = HttpUtil.isTransferEncodingChunked(response);
        boolean length = headers.contains(HttpHeaderNames.CONTENT_LENGTH);
        if (http10 && chunked) {
            headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
            closeClient = true;
        } else if (!chunked && !length && !bodyless) {
            if (http10) {
                closeClient = true;
            } else {
                HttpUtil.setTransferEncodingChunked(response, true);
            }
        }
        if (!requestEnded) {
            closeClient = true;
        }
        if (closeClient) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (http10) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
    }

    /** @param last CouchDB's last body piece: written and flushed, then the exchange is over */
    private void answerEnded(HttpContent last) {
        boolean reusable = requestSent && upstreamKeepAlive;
        end(reusable);
        client.writeAndFlush(last).addListener(written -> afterAnswer());
    }

    private void afterAnswer() {
        if (closeClient) {
            client.close();
        } else {
            done.run();
        }
    }

    /** Stops everything of the exchange but the client connection; the CouchDB connection is pooled or closed. */
    private void end(boolean upstreamReusable) {
        finished = true;
        forgetStream.run();
        silence.unwatch(this);
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
        heldBody.forEach(ReferenceCountUtil::release);
        heldBody.clear();
        if (upstream != null) {
            if (upstreamReusable) {
                if (unflushed) {
                    upstream.flush();
                }
                services.connections().release(upstream);
            } else {
                upstream.pipeline().get(UpstreamHandler.class).detach();
                upstream.close();
            }
        }
    }

    /** CouchDB's connection closed by itself. */
    void upstreamClosed() {
        if (finished) {
            return;
        }
        if (discarding) {
            invalidToken(false);
            return;
        }
        if (held != null && heldBodyEnded) {
            upstreamKeepAlive = false;
            return;
        }
        if (!responseSeen && reused && !retried && requestEnded && bodyBytes == 0) {
            retried = true;
            upstream = null;
            headSent = false;
            requestSent = false;
            pending.add(LastHttpContent.EMPTY_LAST_CONTENT);
            silence.unwatch(this);
            connect(false);
            return;
        }
        if (!responseStarted) {
            answerError(HttpResponseStatus.BAD_GATEWAY, "bad_gateway", CouchErrors.BAD_GATEWAY_REASON, null);
        } else {
            abort("CouchDB closed its connection in mid-answer");
        }
    }

    /** @param cause why CouchDB's connection failed (it is closed next) */
    void upstreamFailed(Throwable cause) {
        LOG.debug("CouchDB connection failed: {}", cause.toString());
    }

    /** The client's connection closed: CouchDB's goes at once. */
    void clientClosed() {
        if (!finished) {
            end(false);
        }
    }

    private void abort(String why) {
        LOG.debug("Relay aborted: {}", why);
        end(false);
        client.close();
    }

    /** An answer of couchgate's own, before anything of CouchDB's answer was sent; the CouchDB connection closes. */
    private void answerError(HttpResponseStatus status, String error, String reason, String challenge) {
        answerError(status, error, reason, challenge, false);
    }

    /** @param upstreamReusable whether CouchDB's whole answer was read, so its connection may be pooled */
    private void answerError(HttpResponseStatus status, String error, String reason, String challenge,
                             boolean upstreamReusable) {
        end(upstreamReusable);
        byte[] body = CouchErrors.body(error, reason);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (challenge != null) {
            headers.set(HttpHeaderNames.WWW_AUTHENTICATE, challenge);
        }
        RelayHeaders.addCouchgateHeaders(headers, services.cors(), origin, secure);
        if (!requestEnded) {
            closeClient = true;
        }
        if (closeClient) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (http10) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        measure(status.code());
        client.writeAndFlush(response).addListener(written -> afterAnswer());
    }

    /**
     * CouchDB refused the session's credentials with 401: CouchDB is not read further while couchgate's admin is asked,
     * on a worker thread, whether the session user is gone. Gone: the rest of CouchDB's answer is read and dropped (so
     * its connection can be pooled), then couchgate's 401 is sent; still there, or the check failed: CouchDB's 401
     * streams on as it came. The exchange stops being one of the session's open streams first: dropping the session
     * ends those, and this exchange must live to answer (a refused answer is no stream worth ending).
     */
    private void checkVanished() {
        checking = true;
        forgetStream.run();
        forgetStream = () -> { };
        Session session = exchange.session();
        Mono.fromCallable(() -> services.vanished().dropIfVanished(session))
                .subscribeOn(Schedulers.boundedElastic())
                .subscribe(outcome -> client.executor().execute(() -> vanishedChecked(outcome)),
                        failure -> client.executor().execute(() -> {
                            // The failure's message names the session user's doc, sid included: only its type.
                            SESSIONS_LOG.warn("CouchDB refused a session of {} and whether its session user still "
                                    + "exists could not be checked ({}); CouchDB's 401 passes", session.username(),
                                    failure.getClass().getSimpleName());
                            vanishedChecked(VanishedSessionOutcome.USER_EXISTS);
                        }));
    }

    private void vanishedChecked(VanishedSessionOutcome outcome) {
        checking = false;
        if (finished) {
            return;
        }
        HttpResponse response = held;
        held = null;
        if (outcome == VanishedSessionOutcome.USER_EXISTS) {
            sendHead(response);
            while (!heldBody.isEmpty() && !finished) {
                bodyPiece(heldBody.poll());
            }
            if (!finished) {
                client.flush();
                upstreamReading(true);
            }
            return;
        }
        if (outcome == VanishedSessionOutcome.DROPPED) {
            SESSIONS_LOG.warn("Dropped a session of {}: CouchDB refused its credentials and its session user is gone "
                    + "from _users", exchange.session().username());
        }
        upstreamKeepAlive = HttpUtil.isKeepAlive(response);
        heldBody.forEach(ReferenceCountUtil::release);
        heldBody.clear();
        if (heldBodyEnded || !requestSent || !upstreamKeepAlive) {
            invalidToken(heldBodyEnded);
        } else {
            discarding = true;
            lastActivity = System.nanoTime();
            upstreamReading(true);
        }
    }

    /** @param upstreamReusable whether CouchDB's refused answer was read whole */
    private void invalidToken(boolean upstreamReusable) {
        if (client.channel().remoteAddress() instanceof java.net.InetSocketAddress peer) {
            services.refusals().refused(peer, request, exchange.session(), 401);
        }
        answerError(HttpResponseStatus.UNAUTHORIZED, "unauthorized", CouchErrors.INVALID_TOKEN_REASON,
                CouchErrors.INVALID_TOKEN_CHALLENGE, upstreamReusable && requestSent && upstreamKeepAlive);
    }

    /** Reports the answer's status and latency, once per exchange. */
    private void measure(int status) {
        if (!measured) {
            measured = true;
            services.metrics().databaseAnswer(status, System.nanoTime() - startedNanos);
        }
    }

    private void armTimer() {
        lastActivity = System.nanoTime();
        silence.watch(this);
    }

    /**
     * Called by the connection's {@link SilenceWatch} while this exchange awaits CouchDB.
     *
     * @param limit the read timeout, in nanoseconds
     * @return nanoseconds until the next check is due, or {@code -1} when none is (the exchange is over, or this check
     *     ended it: 504 before CouchDB's answer, both connections closed in mid-answer)
     */
    long checkSilence(long limit) {
        if (finished) {
            return -1;
        }
        if (upstreamPaused || checking) {
            return limit;
        }
        long silent = System.nanoTime() - lastActivity;
        if (silent < limit) {
            return limit - silent;
        }
        if (discarding) {
            invalidToken(false);
        } else if (responseStarted) {
            abort("CouchDB was silent longer than the read timeout in mid-answer");
        } else {
            LOG.warn("CouchDB did not answer a relayed {} in time", request.method());
            answerError(HttpResponseStatus.GATEWAY_TIMEOUT, "gateway_timeout", CouchErrors.GATEWAY_TIMEOUT_REASON,
                    null);
        }
        return -1;
    }
}
