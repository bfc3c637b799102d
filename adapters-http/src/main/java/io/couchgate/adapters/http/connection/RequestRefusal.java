package io.couchgate.adapters.http.connection;

import io.couchgate.adapters.http.api.ProblemBodies;
import io.couchgate.adapters.http.proxy.RawQueryCharacters;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * A request head that couchgate answers itself, below Micronaut's routing, and the answer, in the style of its path
 * ({@link PathStyle}): a request line over {@code micronaut.server.netty.max-initial-line-length} (414, RFC 9110
 * section 15.5.15), headers over {@code max-header-size} (431, RFC 6585 section 5), any other head the codec could
 * not decode, two different {@code Content-Length} values and {@code Content-Length} with
 * {@code Transfer-Encoding} included (400, RFC 9112 section 6.3), and, under {@code /api} and {@code /database}, a
 * target that Micronaut cannot parse ({@link URI}: a raw backslash, {@code |}, a bad escape; 400). Every answer
 * carries {@code Connection: close}: the connection closes after it, since what follows cannot be trusted.
 *
 * <p>Under {@code /database} the bodies follow CouchDB's {@code error_info} in {@code chttpd.erl}: 414 is CouchDB's
 * own {@code too_long}; CouchDB has no 431 (its HTTP layer answers a plain 400), so couchgate names it
 * {@code headers_too_large} in the same manner.
 *
 * @param status the status to answer
 * @param style  the error format
 */
record RequestRefusal(HttpResponseStatus status, PathStyle style) {

    /** RFC 3986's path and query characters besides letters and digits: unreserved, sub-delims, {@code : @ / ?}. */
    private static final String PATH_OR_QUERY = "-._~!$&'()*+,;=:@/?";

    /**
     * @param request   a request head as the codec decoded it (successfully or not)
     * @param headStart the first bytes of the head as received (see {@link HeadReadGuard#headStart()}), asked for
     *                  only when the request line itself could not be decoded: then they are the only clue to the path
     * @return the refusal, or null when the request may go on to Micronaut
     */
    static RequestRefusal of(HttpRequest request, Supplier<String> headStart) {
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            Throwable cause = result.cause();
            // Without a decodable request line, Netty hands over a stand-in request (HTTP/1.0 GET /bad-request).
            boolean lineLost = cause instanceof TooLongHttpLineException || request instanceof FullHttpRequest;
            PathStyle style = lineLost ? PathStyle.ofHeadStart(headStart.get()) : PathStyle.ofTarget(request.uri());
            if (cause instanceof TooLongHttpLineException) {
                return new RequestRefusal(HttpResponseStatus.REQUEST_URI_TOO_LONG, style);
            }
            if (cause instanceof TooLongHttpHeaderException) {
                return new RequestRefusal(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, style);
            }
            return new RequestRefusal(HttpResponseStatus.BAD_REQUEST, style);
        }
        PathStyle style = PathStyle.ofTarget(request.uri());
        if (style != PathStyle.OTHER && !isParseable(request.uri())
                && !(style == PathStyle.DATABASE && isParseableUnderDatabase(request.uri()))) {
            return new RequestRefusal(HttpResponseStatus.BAD_REQUEST, style);
        }
        return null;
    }

    /**
     * Under {@code /database} a query may hold raw {@code "}, {@code [}, {@code ]}, {@code {}, {@code }} and
     * {@code |} ({@link RawQueryCharacters}): CouchDB accepts them, the relay sends the target upstream byte for byte,
     * and a request it does not take reaches Micronaut with them percent-encoded (and CouchDB with its raw query).
     * Such a target is not refused here.
     */
    private static boolean isParseableUnderDatabase(String target) {
        return isParseable(RawQueryCharacters.percentEncoded(target));
    }

    /** The same check as Micronaut's {@code NettyHttpRequest}, which answers its own 400 to a target that fails it. */
    private static boolean isParseable(String target) {
        if (plainOriginForm(target)) {
            return true;
        }
        try {
            URI uri = URI.create(target);
            if (uri.getAuthority() != null || uri.getScheme() != null) {
                new URI(null, null, uri.getPath(), uri.getQuery(), uri.getFragment());
            }
            return true;
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            return false;
        }
    }

    /**
     * The common case without {@link URI}'s parse: an origin-form target ({@code /}, not {@code //}) of only the
     * characters RFC 3986 allows in a path and query (ASCII letters and digits, unreserved, sub-delims,
     * {@code : @ / ?}) and well-formed {@code %XX} escapes, which {@link URI#create} always accepts.
     */
    private static boolean plainOriginForm(String target) {
        if (target.isEmpty() || target.charAt(0) != '/' || target.startsWith("//")) {
            return false;
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '%') {
                if (i + 2 >= target.length() || !asciiHex(target.charAt(i + 1)) || !asciiHex(target.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (c >= 0x80 || !Character.isLetterOrDigit(c) && PATH_OR_QUERY.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean asciiHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** @return the whole answer, with {@code Connection: close} and {@code X-Content-Type-Options: nosniff} */
    FullHttpResponse response() {
        byte[] body = body();
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        String contentType = style == PathStyle.API ? ProblemBodies.MEDIA_TYPE : "application/json";
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set("X-Content-Type-Options", "nosniff");
        if (style == PathStyle.API) {
            response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        }
        return response;
    }

    private byte[] body() {
        return switch (style) {
            case DATABASE -> couchError();
            case API -> ProblemBodies.json(status.code(), detail());
            case OTHER -> ("{\"status\":" + status.code() + ",\"message\":\"" + status.reasonPhrase() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
        };
    }

    private byte[] couchError() {
        String json = switch (status.code()) {
            case 414 -> "{\"error\":\"too_long\",\"reason\":\"the request uri is too long\"}";
            case 431 -> "{\"error\":\"headers_too_large\",\"reason\":\"the request headers are too large\"}";
            default -> "{\"error\":\"bad_request\",\"reason\":\"The request cannot be parsed.\"}";
        };
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private String detail() {
        return switch (status.code()) {
            case 414 -> "the request line is too long";
            case 431 -> "the request headers are too large";
            default -> "the request cannot be parsed";
        };
    }
}
