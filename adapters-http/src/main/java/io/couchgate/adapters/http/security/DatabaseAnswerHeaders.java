package io.couchgate.adapters.http.security;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * The security headers of an answer under {@code /database} ({@link SecurityHeadersFilter} documents why), for code
 * that writes such answers without going through Micronaut's filters (the Netty-level relay of the proxy package).
 */
public final class DatabaseAnswerHeaders {

    private DatabaseAnswerHeaders() {
    }

    /**
     * @param contentTypes every {@code Content-Type} value of the answer (none when it has no body type)
     * @param set called once per header to set, replacing any value of that name: {@code X-Content-Type-Options:
     *     nosniff} always; {@code X-Frame-Options: DENY} and {@code Content-Security-Policy: sandbox; default-src
     *     'none'} when the answer is not exactly one JSON type
     */
    public static void apply(List<String> contentTypes, BiConsumer<String, String> set) {
        set.accept(SecurityHeadersFilter.NOSNIFF_NAME, "nosniff");
        if (!SecurityHeadersFilter.isJson(contentTypes)) {
            set.accept(SecurityHeadersFilter.FRAME_OPTIONS, "DENY");
            set.accept(SecurityHeadersFilter.CSP, ContentSecurityPolicies.SANDBOX);
        }
    }
}
