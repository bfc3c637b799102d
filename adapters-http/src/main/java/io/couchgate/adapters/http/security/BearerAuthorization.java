package io.couchgate.adapters.http.security;

import java.util.List;
import java.util.Optional;

/**
 * The one reading of a request's {@code Authorization} headers, for {@code /api}, the {@code /database} filter and
 * its Netty relay alike. A request carries a token when it has exactly one {@code Authorization} header and its
 * value is {@code Bearer <token>}: the scheme in any case, one space (RFC 6750, section 2.1), and a token of exactly
 * three non-empty base64url segments ({@code [A-Za-z0-9_-]+}) joined by dots, the JWS compact serialization
 * (RFC 7515, section 7.1). Anything else that was sent (two headers, another scheme, more spaces, other bytes) is
 * {@link #malformed()}; no header at all is {@link #missing()}, whose challenge carries no error code (RFC 6750,
 * section 3.1).
 */
public final class BearerAuthorization {

    private static final String SCHEME = "bearer ";
    private static final int SEGMENTS = 3;
    private static final BearerAuthorization MISSING = new BearerAuthorization(false, null);
    private static final BearerAuthorization MALFORMED = new BearerAuthorization(true, null);

    private final boolean sent;
    private final String token;

    private BearerAuthorization(boolean sent, String token) {
        this.sent = sent;
        this.token = token;
    }

    /**
     * @param values every {@code Authorization} header value of the request, in order (Micronaut's or Netty's
     *     {@code getAll}); never null
     * @return the token, or why there is none
     */
    public static BearerAuthorization of(List<String> values) {
        if (values.isEmpty()) {
            return MISSING;
        }
        if (values.size() != 1) {
            return MALFORMED;
        }
        String value = values.get(0);
        if (!value.regionMatches(true, 0, SCHEME, 0, SCHEME.length()) || !isCompactJws(value, SCHEME.length())) {
            return MALFORMED;
        }
        return new BearerAuthorization(true, value.substring(SCHEME.length()));
    }

    /** @return whether the request has no {@code Authorization} header at all */
    public boolean missing() {
        return !sent;
    }

    /** @return whether {@code Authorization} was sent but is not one well-formed bearer credential */
    public boolean malformed() {
        return sent && token == null;
    }

    /** @return the token (three base64url segments joined by dots), or empty when {@link #missing} or malformed */
    public Optional<String> token() {
        return Optional.ofNullable(token);
    }

    /** @return whether {@code value} from {@code start} on is three non-empty base64url segments joined by dots */
    private static boolean isCompactJws(String value, int start) {
        int segments = 1;
        int length = 0;
        for (int i = start; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '.') {
                if (length == 0 || ++segments > SEGMENTS) {
                    return false;
                }
                length = 0;
            } else if (isBase64Url(c)) {
                length++;
            } else {
                return false;
            }
        }
        return segments == SEGMENTS && length > 0;
    }

    private static boolean isBase64Url(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }
}
