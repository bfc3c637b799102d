package io.couchgate.adapters.http.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads a {@link CredentialsRequest} from a request body of at most {@value #MAX_BODY_BYTES} bytes.
 *
 * <p>The body is read and parsed here ({@link CredentialsJsonParser}) rather than bound by Micronaut, so that every
 * malformed or oversized body gets a problem response. The global {@code micronaut.server.max-request-size} is left
 * alone because the {@code /database} proxy streams large attachments.
 */
@Singleton
final class CredentialsBodyReader {

    /** Largest accepted body: 16 KiB. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    /**
     * @param request the request (for {@code Content-Type} and {@code Content-Length})
     * @param body its body; null when there is none
     * @return the username and password; the caller wipes the password
     * @throws ApiException {@code unsupported-media-type}, {@code payload-too-large} or {@code malformed-request}
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

    static ApiException malformed(String detail) {
        return new ApiException(ProblemType.MALFORMED_REQUEST, detail);
    }

    private static ApiException tooLarge() {
        return new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "the body must be at most " + MAX_BODY_BYTES + " bytes");
    }
}
