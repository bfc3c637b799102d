package io.couchgate.adapters.http.proxy;

import io.couchgate.domain.Session;
import io.micronaut.core.io.buffer.ByteBuffer;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.client.ProxyHttpClient;
import io.micronaut.http.netty.NettyHttpResponseBuilder;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Forwards a request for one user's {@code _local} document ({@link LocalDocuments}): the stored id in the path, the
 * client's {@code _id} in a body turned into the stored one, and CouchDB's {@code _id}/{@code id} (and
 * {@code Location}) turned back into the client's, so the client never sees the prefix. Both bodies are buffered
 * (checkpoint-sized documents); every other request keeps the streaming path of {@link DatabaseProxyFilter}.
 */
final class LocalDocumentProxy {

    private final ProxyHttpClient client;
    private final String upstreamBase;
    private final LocationRewriter locations;
    private final DatabaseRefusalAudit refusals;

    LocalDocumentProxy(ProxyHttpClient client, String upstreamBase, LocationRewriter locations,
                       DatabaseRefusalAudit refusals) {
        this.client = client;
        this.upstreamBase = upstreamBase;
        this.locations = locations;
        this.refusals = refusals;
    }

    /**
     * @param request the client's request, its path already checked
     * @param session the live session it came with
     * @param document the document its path names
     * @param rawQuery the raw query, passed on unchanged, or null
     * @return CouchDB's answer with the client's ids; 400 for a body naming another document, 502/504 as elsewhere
     */
    Publisher<MutableHttpResponse<?>> forward(HttpRequest<?> request, Session session, LocalDocument document,
                                              String rawQuery) {
        URI target;
        try {
            target = new URI(upstreamBase + document.upstreamPath() + (rawQuery == null ? "" : "?" + rawQuery));
        } catch (URISyntaxException e) {
            return Mono.just(refusals.refused(request, session, CouchErrors.badRequest()));
        }
        boolean clientCloses = ProxyHeaders.asksToClose(request);
        return requestBody(request)
                .<MutableHttpResponse<?>>flatMap(body -> {
                    Optional<byte[]> stored = LocalDocumentBodies.toStored(body, document);
                    if (stored.isEmpty()) {
                        return Mono.just(refusals.refused(request, session, CouchErrors.badRequest(
                                "The body is not JSON, or its _id names another document than the path.")));
                    }
                    return send(request, target, session, stored.get(), document);
                })
                .onErrorResume(failure -> Mono.just(CouchErrors.upstreamFailure(failure)))
                .map(response -> {
                    if (clientCloses) {
                        response.getHeaders().set(HttpHeaders.CONNECTION, "close");
                    }
                    return response;
                });
    }

    private Mono<MutableHttpResponse<?>> send(HttpRequest<?> request, URI target, Session session, byte[] body,
                                              LocalDocument document) {
        MutableHttpRequest<Object> upstream = upstreamRequest(request, target, session, body);
        return Mono.from(client.proxy(upstream))
                .flatMap(response -> responseBody(response).map(bytes -> clientAnswer(response, bytes, document)));
    }

    /** CouchDB's status and headers (prepared as on every proxied answer) with the client's ids in the body. */
    private MutableHttpResponse<?> clientAnswer(MutableHttpResponse<?> response, byte[] body, LocalDocument document) {
        ProxyHeaders.prepareResponse(response.getHeaders(), locations);
        clientLocation(response, document);
        MutableHttpResponse<byte[]> answer = HttpResponse.status(response.code(), response.reason());
        response.getHeaders().forEach((name, values) -> values.forEach(v -> answer.getHeaders().add(name, v)));
        answer.getHeaders().remove(HttpHeaders.TRANSFER_ENCODING);
        if (body.length == 0) {
            return answer;
        }
        answer.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        return answer.body(LocalDocumentBodies.toClient(body, document));
    }

    /**
     * @param request the client's request
     * @param target CouchDB's URI for it
     * @param session its live session (whose CouchDB credentials are sent)
     * @param body the whole body to send, empty for none
     * @return a new request with the client's headers prepared as on every proxied request, and {@code body}
     */
    static MutableHttpRequest<Object> upstreamRequest(HttpRequest<?> request, URI target, Session session,
                                                      byte[] body) {
        MutableHttpRequest<Object> upstream = HttpRequest.create(HttpMethod.parse(request.getMethodName()),
                target.toString());
        for (Map.Entry<String, java.util.List<String>> header : request.getHeaders()) {
            for (String value : header.getValue()) {
                upstream.getHeaders().add(header.getKey(), value);
            }
        }
        upstream.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        upstream.getHeaders().remove(HttpHeaders.TRANSFER_ENCODING);
        ProxyHeaders.prepareRequest(upstream.getHeaders(), session.credentials());
        if (body.length > 0) {
            upstream.body(body);
        }
        return upstream;
    }

    private static void clientLocation(MutableHttpResponse<?> response, LocalDocument document) {
        String location = response.getHeaders().get(HttpHeaders.LOCATION);
        if (location == null) {
            return;
        }
        int local = location.indexOf("/_local/");
        if (local < 0) {
            response.getHeaders().remove(HttpHeaders.LOCATION);
            return;
        }
        String clientPiece = LocalDocuments.encode(document.clientId().substring(LocalDocuments.PREFIX.length()));
        response.getHeaders().set(HttpHeaders.LOCATION, location.substring(0, local) + "/_local/" + clientPiece);
    }

    /**
     * @param request the client's request
     * @return its whole body (empty for none), buffered within the server's maximum request size
     */
    static Mono<byte[]> requestBody(HttpRequest<?> request) {
        if (!(request instanceof ServerHttpRequest<?> server)) {
            return Mono.just(new byte[0]);
        }
        return Mono.fromFuture(server.byteBody().buffer()).map(buffered -> {
            try (buffered) {
                return buffered.toByteArray();
            }
        });
    }

    private static Mono<byte[]> responseBody(MutableHttpResponse<?> response) {
        Publisher<?> chunks;
        if (response instanceof NettyHttpResponseBuilder netty && netty.isStream()) {
            chunks = netty.toStreamHttpResponse();
        } else {
            Optional<?> body = response.getBody();
            if (body.isEmpty()) {
                return Mono.just(new byte[0]);
            }
            chunks = body.get() instanceof Publisher<?> publisher ? publisher : Mono.just(body.get());
        }
        return Flux.from(chunks).collect(ByteArrayOutputStream::new, LocalDocumentProxy::append)
                .map(ByteArrayOutputStream::toByteArray);
    }

    private static void append(ByteArrayOutputStream out, Object chunk) {
        try {
            if (chunk instanceof ByteBuf buf) {
                byte[] bytes = new byte[buf.readableBytes()];
                buf.getBytes(buf.readerIndex(), bytes);
                out.writeBytes(bytes);
            } else if (chunk instanceof HttpContent content) {
                ByteBuf buf = content.content();
                byte[] bytes = new byte[buf.readableBytes()];
                buf.getBytes(buf.readerIndex(), bytes);
                out.writeBytes(bytes);
            } else if (chunk instanceof ByteBuffer<?> buffer) {
                out.writeBytes(buffer.toByteArray());
            } else if (chunk instanceof byte[] bytes) {
                out.writeBytes(bytes);
            } else {
                throw new IllegalStateException("unexpected proxied chunk " + chunk.getClass().getName());
            }
        } finally {
            ReferenceCountUtil.release(chunk);
        }
    }
}
