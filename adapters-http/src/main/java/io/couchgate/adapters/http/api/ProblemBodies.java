package io.couchgate.adapters.http.api;

import io.micronaut.http.HttpStatus;
import java.nio.charset.StandardCharsets;

/**
 * RFC 9457 problem bodies for answers made below Micronaut's routing (by the connection layer, before any filter or
 * controller sees a request), in the same shape as {@link Problem} as {@code /api} serialises it: {@code type},
 * {@code title}, {@code status}, {@code detail}.
 */
public final class ProblemBodies {

    /** {@code application/problem+json}, RFC 9457 section 3. */
    public static final String MEDIA_TYPE = Problem.MEDIA_TYPE;

    private ProblemBodies() {
    }

    /**
     * @param status an HTTP status code; it picks the problem type ({@code internal-error} when none has it)
     * @param detail a constant of the caller: plain ASCII without quotes, backslashes or control characters (it is
     *               not escaped), never a secret or anything the client sent
     * @return the UTF-8 JSON body, e.g. {@code {"type":"/problems/uri-too-long",
     *         "title":"URI too long","status":414,"detail":"..."}}
     * @throws IllegalArgumentException if {@code status} is not a known HTTP status code
     */
    public static byte[] json(int status, String detail) {
        ProblemType type = ProblemType.forStatus(HttpStatus.valueOf(status));
        String body = "{\"type\":\"" + type.uri() + "\",\"title\":\"" + type.title() + "\",\"status\":"
                + type.status().getCode() + ",\"detail\":\"" + detail + "\"}";
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
