package io.couchgate.adapters.http.proxy;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import io.micronaut.http.exceptions.BufferLengthExceededException;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's own answers, shaped like CouchDB's errors ({@code {"error":"...","reason":"..."}}, docs.couchdb.org
 * api/basics.html#http-status-codes), so that a CouchDB client library handles them as it handles CouchDB's.
 */
final class CouchErrors {

    /** The reason of every 401 for a token that names no live session. */
    static final String INVALID_TOKEN_REASON = "The session token is invalid, expired or revoked.";
    /** couchgate's challenge for such a token (RFC 6750, section 3). */
    static final String INVALID_TOKEN_CHALLENGE = "Bearer realm=\"couchgate\", error=\"invalid_token\"";
    /** The reason of the 403 to every request of a session opened with a one-time password. */
    static final String PASSWORD_CHANGE_REQUIRED_REASON =
            "password change required: PUT /api/users/current/password";
    static final String BAD_GATEWAY_REASON = "CouchDB cannot be reached.";
    static final String GATEWAY_TIMEOUT_REASON = "CouchDB did not answer in time.";

    private static final Logger LOG = LoggerFactory.getLogger(CouchErrors.class);

    private CouchErrors() {
    }

    /**
     * No bearer token at all: a challenge without an error code (RFC 6750, section 3.1).
     *
     * @param reason a constant of this package
     * @return 401 with {@code WWW-Authenticate: Bearer realm="couchgate"}
     */
    static MutableHttpResponse<?> unauthorized(String reason) {
        return error(HttpStatus.UNAUTHORIZED, "unauthorized", reason)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"couchgate\"");
    }

    /**
     * A token that is invalid, expired, revoked, or whose session was dropped because its CouchDB user vanished:
     * one body for all, and {@code error="invalid_token"} (RFC 6750, section 3.1).
     *
     * @return 401 with {@code WWW-Authenticate: Bearer realm="couchgate", error="invalid_token"}
     */
    static MutableHttpResponse<?> invalidToken() {
        return error(HttpStatus.UNAUTHORIZED, "unauthorized", INVALID_TOKEN_REASON)
                .header(HttpHeaders.WWW_AUTHENTICATE, INVALID_TOKEN_CHALLENGE);
    }

    /**
     * A session opened with a one-time password: it may reach nothing in CouchDB until the password is changed.
     *
     * @return 403 {@code {"error":"forbidden","reason":"password change required: PUT /api/users/current/password"}}
     */
    static MutableHttpResponse<?> passwordChangeRequired() {
        return error(HttpStatus.FORBIDDEN, "forbidden", PASSWORD_CHANGE_REQUIRED_REASON);
    }

    static MutableHttpResponse<?> forbidden() {
        return error(HttpStatus.FORBIDDEN, "forbidden", "This path cannot be reached through couchgate.");
    }

    static MutableHttpResponse<?> badRequest() {
        return badRequest("The request URI cannot be forwarded.");
    }

    /** @param reason a constant of this package, or one built only from them (see {@link #error}) */
    static MutableHttpResponse<?> badRequest(String reason) {
        return error(HttpStatus.BAD_REQUEST, "bad_request", reason);
    }

    /**
     * The request body is larger than {@code micronaut.server.max-request-size}, or than
     * {@code micronaut.server.max-request-buffer-size} on a route whose body is buffered to be checked; CouchDB's own
     * wording.
     */
    static MutableHttpResponse<?> tooLarge() {
        return error(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "too_large", "the request entity is too large");
    }

    static MutableHttpResponse<?> badGateway() {
        return error(HttpStatus.BAD_GATEWAY, "bad_gateway", BAD_GATEWAY_REASON);
    }

    static MutableHttpResponse<?> gatewayTimeout() {
        return error(HttpStatus.GATEWAY_TIMEOUT, "gateway_timeout", GATEWAY_TIMEOUT_REASON);
    }

    /**
     * @param failure why proxying failed
     * @return 413 for a request body over the server's size or buffer limit, 504 for a read timeout, else 502 (logged
     *         without trace)
     */
    static MutableHttpResponse<?> upstreamFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ContentLengthExceededException || t instanceof BufferLengthExceededException) {
                return tooLarge();
            }
            if (t instanceof ReadTimeoutException || t instanceof TimeoutException) {
                LOG.warn("CouchDB did not answer in time: {}", failure.toString());
                return gatewayTimeout();
            }
        }
        LOG.warn("CouchDB cannot be reached: {}", failure.toString());
        return badGateway();
    }

    /** Reasons are constants of this package: plain ASCII without quotes or backslashes, so no escaping is needed. */
    private static MutableHttpResponse<?> error(HttpStatus status, String error, String reason) {
        byte[] body = body(error, reason);
        return HttpResponse.status(status).contentType(MediaType.APPLICATION_JSON_TYPE).body(body);
    }

    /**
     * @param error CouchDB's error name, e.g. {@code bad_gateway}
     * @param reason a constant of this package (plain ASCII without quotes or backslashes)
     * @return {@code {"error":"<error>","reason":"<reason>"}} in UTF-8
     */
    static byte[] body(String error, String reason) {
        return ("{\"error\":\"" + error + "\",\"reason\":\"" + reason + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
