package io.couchgate.adapters.http.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@link CredentialsRequest} from a request body of at most {@value #MAX_BODY_BYTES} bytes.
 *
 * <p>The body is read and parsed here ({@link CredentialsJsonParser}) rather than bound by Micronaut, so that every
 * malformed or oversized body gets a problem response. The global {@code micronaut.server.max-request-size} is left
 * alone because the {@code /database} proxy streams large attachments. A body must be JSON in UTF-8 (RFC 8259,
 * section 8.1): a {@code charset} parameter other than {@code utf-8} (or {@code us-ascii}) gets 415.
 */
@Singleton
final class CredentialsBodyReader {

    /** The {@code charset} values a body may declare: UTF-8, and US-ASCII, a subset of it. */
    private static final Set<String> UTF_8_NAMES = Set.of("utf-8", "us-ascii");

    /** Largest accepted body: 16 KiB. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    /**
     * The parser of every {@code /api} body. RFC 8259 limits neither a number's length nor the depth of nesting;
     * Jackson's defaults (1000 digits, 1000 levels) would call such a body invalid JSON. The body is at most
     * {@value #MAX_BODY_BYTES} bytes, which bounds both; numbers are never converted (they can only be in members
     * that are ignored, or that must be strings), and skipping nested values takes no stack.
     */
    static final JsonFactory JSON = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
            .maxNumberLength(MAX_BODY_BYTES).maxNestingDepth(MAX_BODY_BYTES).build()).build();

    /**
     * @param request the request (for {@code Content-Type} and {@code Content-Length})
     * @param body its body; null when there is none
     * @return the username and password; the caller wipes the password
     * @throws ApiException {@code unsupported-media-type} (not JSON, or not UTF-8), {@code payload-too-large} or
     *     {@code malformed-request}
     */
    CredentialsRequest read(HttpRequest<?> request, InputStream body) {
        byte[] bytes = readJson(request, body);
        try {
            return CredentialsJsonParser.parse(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * The body of an account operation, under the same rules as {@link #read}.
     *
     * @param request the request (for {@code Content-Type} and {@code Content-Length})
     * @param body its body; null when there is none
     * @param names the password members the body must have, e.g. {@code currentPassword} and {@code newPassword}
     * @return their characters; the caller wipes them
     * @throws ApiException {@code unsupported-media-type}, {@code payload-too-large} or {@code malformed-request}
     */
    PasswordFields readPasswords(HttpRequest<?> request, InputStream body, List<String> names) {
        byte[] bytes = readJson(request, body);
        try {
            return PasswordFieldsJsonParser.parse(bytes, names);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static byte[] readJson(HttpRequest<?> request, InputStream body) {
        requireJson(request.getContentType());
        if (request.getContentLength() > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return body == null ? new byte[0] : readBounded(body);
    }

    private static void requireJson(Optional<MediaType> contentType) {
        boolean json = contentType.map(type -> type.getSubtype().equals("json")
                || type.getSubtype().endsWith("+json")).orElse(false);
        if (!json) {
            throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "the body must be application/json");
        }
        contentType.get().getParametersMap().forEach((name, value) -> {
            if (name.toString().equalsIgnoreCase(MediaType.CHARSET_PARAMETER) && !UTF_8_NAMES.contains(
                    value.replace("\"", "").trim().toLowerCase(Locale.ROOT))) {
                throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "the body must be UTF-8 JSON (RFC 8259, "
                        + "section 8.1): charset, if given, must be utf-8");
            }
        });
    }

    private static byte[] readBounded(InputStream body) {
        try (body) {
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                Arrays.fill(bytes, (byte) 0);
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw new ApiException(ProblemType.MALFORMED_REQUEST, "the request body could not be read");
        }
    }

    /**
     * Refuses a member that an object has already had (RFC 8259, section 4: names should be unique; parsers
     * disagree on which one counts).
     *
     * @param seen the names of the members read so far; {@code name} is added
     * @param name the member about to be read
     * @throws ApiException {@code malformed-request} naming the member (never its value) when it is a repeat
     */
    static void requireFirst(Set<String> seen, String name) {
        if (!seen.add(name)) {
            throw malformed("the member \"" + name + "\" appears more than once");
        }
    }

    static ApiException malformed(String detail) {
        return new ApiException(ProblemType.MALFORMED_REQUEST, detail);
    }

    private static ApiException tooLarge() {
        return new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "the body must be at most " + MAX_BODY_BYTES + " bytes");
    }
}
