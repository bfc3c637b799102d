package io.couchgate.adapters.http.security;

/**
 * The {@code Content-Security-Policy} values couchgate sends (CSP Level 3, w3.org/TR/CSP3).
 */
final class ContentSecurityPolicies {

    /**
     * For a {@code /database} answer that is not JSON (an attachment, say): a unique opaque origin with no script,
     * no plugin and no fetch, so an HTML or SVG body can never act on couchgate's origin (CSP3, the
     * {@code sandbox} directive). Browsers apply it only when they render the answer as a document; {@code fetch} and
     * {@code XMLHttpRequest} (PouchDB) read the body unchanged.
     */
    static final String SANDBOX = "sandbox; default-src 'none'";

    private static final String PAGES_BEFORE_CONNECT = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'";
    private static final String PAGES_AFTER_CONNECT = "; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private ContentSecurityPolicies() {
    }

    /**
     * The policy of the app's pages and of every other answer outside {@code /database}: scripts, styles and every
     * other fetch only from couchgate itself (no inline script or style, no {@code eval}), images also as
     * {@code data:} URIs (the example app's icon is {@code data:,}), {@code fetch}/XHR also to the allowed origins,
     * no plugins, no {@code <base>}, forms only to couchgate, and no framing.
     *
     * @param connectOrigins origins the pages may also {@code fetch} from (already serialised, so they hold no
     *     {@code ;}, {@code ,} or blank)
     * @return the header value, e.g. {@code default-src 'self'; …; connect-src 'self' https://a.example; …}
     */
    static String pages(AllowedOrigins connectOrigins) {
        StringBuilder policy = new StringBuilder(PAGES_BEFORE_CONNECT);
        connectOrigins.origins().forEach(origin -> policy.append(' ').append(origin));
        return policy.append(PAGES_AFTER_CONNECT).toString();
    }
}
