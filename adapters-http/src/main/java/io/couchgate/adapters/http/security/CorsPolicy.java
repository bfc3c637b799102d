package io.couchgate.adapters.http.security;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * couchgate's CORS policy (WHATWG Fetch, section 3.2 "CORS protocol") for {@code /api} and {@code /database}, with
 * no framework type in it, so that a Micronaut filter and a Netty-level relay apply the very same rules.
 *
 * <ul>
 *   <li>Origins: exactly those of {@code couchgate.cors.allowed-origins} ({@link AllowedOrigins}), compared as the
 *       serialised strings a browser sends in {@code Origin}; none by default. {@code null} (an opaque origin) and
 *       wildcards are never allowed.</li>
 *   <li>Preflights ({@link #isPreflight}) are answered by couchgate itself, without a token and without contacting
 *       CouchDB ({@link #preflight}): 204 with the allowed methods ({@link #METHODS}, {@code COPY} included), request
 *       headers ({@link #REQUEST_HEADERS}) and {@code Access-Control-Max-Age}; 403 with a reason when the origin,
 *       the method or a header is not allowed.</li>
 *   <li>Actual responses to an allowed origin, couchgate's own errors included, get
 *       {@code Access-Control-Allow-Origin: <origin>} and {@code Access-Control-Expose-Headers}
 *       ({@link #EXPOSED_HEADERS}); a disallowed origin gets no CORS header ({@link #addResponseHeaders}).</li>
 *   <li>No {@code Access-Control-Allow-Credentials}: couchgate authenticates by {@code Authorization: Bearer}, never
 *       by cookies, so a cross-origin request needs no credentials mode.</li>
 * </ul>
 * Actual requests from a disallowed origin are served like any other (without CORS headers, so the browser keeps
 * the answer from the page): a same-origin write carries {@code Origin} too, and behind a reverse proxy couchgate
 * cannot tell its own origin from another. Nothing under these paths acts on ambient credentials, so such a request
 * can do no more than any anonymous client can.
 */
public final class CorsPolicy {

    /** Methods a couchgate app uses: {@code /api} and CouchDB's document API ({@code COPY}, docs.couchdb.org). */
    public static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "COPY");
    /**
     * Request headers a PouchDB app sends that are not CORS-safelisted (Fetch, "CORS-safelisted request-header"):
     * the token, JSON bodies, conditional writes and {@code COPY}'s target; {@code Accept} for values the safelist
     * refuses.
     */
    public static final List<String> REQUEST_HEADERS = List.of("Accept", "Authorization", "Content-Type",
            "Destination", "If-Match");
    /**
     * Response headers the app may read besides the safelisted ones: revisions, created documents, sizes, when to
     * retry ({@code 429}/{@code 503}) and couchgate's Bearer challenge, which tells "log in again" from CouchDB's
     * own 401.
     */
    public static final List<String> EXPOSED_HEADERS = List.of("Content-Length", "ETag", "Location", "Retry-After",
            "WWW-Authenticate");
    /** How long, in seconds, a browser may reuse a preflight answer (Chromium caps it at 7200). */
    public static final long MAX_AGE_SECONDS = 600;

    /** Why a preflight from an origin that is not configured is refused. */
    public static final String ORIGIN_REFUSED = "This origin may not call couchgate: it is not one of "
            + "couchgate.cors.allowed-origins.";
    /** Why a preflight for another method is refused. */
    public static final String METHOD_REFUSED = "This method is not allowed across origins; allowed are "
            + String.join(", ", METHODS) + ".";
    /** Why a preflight naming another header is refused. */
    public static final String HEADERS_REFUSED = "A requested header is not allowed across origins; allowed are "
            + String.join(", ", REQUEST_HEADERS) + " and the CORS-safelisted ones.";

    /** No other origin: every preflight is refused, no response gets a CORS header. */
    public static final CorsPolicy NONE = new CorsPolicy(AllowedOrigins.NONE);

    private static final String VARY = "Vary";
    private static final Set<String> ALLOWED_HEADERS_LOWER = REQUEST_HEADERS.stream()
            .map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());

    private final Set<String> origins;

    /**
     * @param origins the allowed origins, serialised
     * @throws NullPointerException if {@code origins} is null
     */
    public CorsPolicy(AllowedOrigins origins) {
        this.origins = Set.copyOf(Objects.requireNonNull(origins, "origins").origins());
    }

    /**
     * A CORS-preflight request (Fetch, section 4.8): {@code OPTIONS} with {@code Origin} and
     * {@code Access-Control-Request-Method}. Any other {@code OPTIONS} request is an ordinary one.
     *
     * @param method the request method
     * @param origin the {@code Origin} header, or null
     * @param requestMethod the {@code Access-Control-Request-Method} header, or null
     * @return whether the request is a preflight
     */
    public static boolean isPreflight(String method, String origin, String requestMethod) {
        return "OPTIONS".equals(method) && origin != null && requestMethod != null;
    }

    /**
     * @param origin an {@code Origin} header value, or null
     * @return whether it is exactly one of the configured origins
     */
    public boolean allows(String origin) {
        return origin != null && origins.contains(origin);
    }

    /**
     * @param origin the preflight's {@code Origin}
     * @param requestMethod its {@code Access-Control-Request-Method} (case-sensitive, as the browser compares it)
     * @param requestHeaders its {@code Access-Control-Request-Headers} values (each a comma-separated list), or an
     *     empty list
     * @return the answer to send, whatever it is (a preflight never goes further)
     * @throws NullPointerException if {@code requestMethod} or {@code requestHeaders} is null
     */
    public Preflight preflight(String origin, String requestMethod, List<String> requestHeaders) {
        if (!allows(origin)) {
            return Preflight.refused(ORIGIN_REFUSED);
        }
        if (!METHODS.contains(requestMethod.trim())) {
            return Preflight.refused(METHOD_REFUSED);
        }
        if (!headersAllowed(requestHeaders)) {
            return Preflight.refused(HEADERS_REFUSED);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Access-Control-Allow-Origin", origin);
        headers.put(VARY, "Origin");
        headers.put("Access-Control-Allow-Methods", String.join(", ", METHODS));
        headers.put("Access-Control-Allow-Headers", String.join(", ", REQUEST_HEADERS));
        headers.put("Access-Control-Max-Age", Long.toString(MAX_AGE_SECONDS));
        return new Preflight(204, null, headers);
    }

    private static boolean headersAllowed(List<String> requestHeaders) {
        for (String value : requestHeaders) {
            for (String name : value.split(",")) {
                String trimmed = name.trim().toLowerCase(Locale.ROOT);
                if (!trimmed.isEmpty() && !ALLOWED_HEADERS_LOWER.contains(trimmed)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The CORS headers of an actual (not preflight) response under {@code /api} or {@code /database}, errors
     * included.
     * With at least one origin configured, every such response gets {@code Vary: Origin} (RFC 9110, section 12.5.5),
     * so that no cache hands one origin's answer to another; an allowed origin also gets
     * {@code Access-Control-Allow-Origin} and {@code Access-Control-Expose-Headers}. With none configured, nothing
     * is added. Drop what CouchDB sent of these first ({@link #isCorsResponseHeader}): couchgate alone decides.
     *
     * @param origin the request's {@code Origin}, or null
     * @param add called once per header to add (name, value); {@code Vary} is to be added beside any existing one,
     *     not replace it
     */
    public void addResponseHeaders(String origin, BiConsumer<String, String> add) {
        if (origins.isEmpty()) {
            return;
        }
        add.accept(VARY, "Origin");
        if (allows(origin)) {
            add.accept("Access-Control-Allow-Origin", origin);
            add.accept("Access-Control-Expose-Headers", String.join(", ", EXPOSED_HEADERS));
        }
    }

    /**
     * @param name a response header name, any case
     * @return whether it belongs to the CORS protocol ({@code Access-Control-*}): remove these from CouchDB's answers
     *     (a CouchDB with its own {@code [cors]} section could allow other origins, or double couchgate's headers)
     */
    public static boolean isCorsResponseHeader(String name) {
        return name.regionMatches(true, 0, "Access-Control-", 0, "Access-Control-".length());
    }

    /**
     * couchgate's answer to a preflight.
     *
     * @param status 204 when allowed, 403 when refused
     * @param reason why it was refused (one of this class's constants, plain ASCII without quotes or backslashes,
     *     so it can go into a JSON string as is); null when allowed
     * @param headers the headers to set, in order (none but {@code Vary: Origin} when refused)
     */
    public record Preflight(int status, String reason, Map<String, String> headers) {

        /** @throws NullPointerException if {@code headers} is null */
        public Preflight {
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }

        static Preflight refused(String reason) {
            return new Preflight(403, reason, Map.of(VARY, "Origin"));
        }

        /** @return whether the browser may go on with the actual request */
        public boolean allowed() {
            return status == 204;
        }
    }
}
