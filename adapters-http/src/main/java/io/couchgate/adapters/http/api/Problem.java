package io.couchgate.adapters.http.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * An RFC 9457 problem details body, sent as {@code application/problem+json}; {@code type} is one of
 * {@link ProblemType}'s URIs.
 *
 * @param type a URI reference naming the kind of problem, such as /problems/weak-password (RFC 9457, section
 *     3.1.1; resolve it against the answer's URL); the kinds are listed in README, "Problem types". Tell problems
 *     apart by it, not by title or detail
 * @param title the type's fixed, human-readable summary
 * @param status the HTTP status code
 * @param detail what went wrong in this occurrence; never a secret, password or stack trace
 * @param suggestions extension member: password advice for {@code weak-password}; absent otherwise
 */
@Serdeable.Serializable
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "suggestions"})
record Problem(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String type,
               @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String title,
               @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int status,
               @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String detail,
               @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED) List<String> suggestions) {

    /** The media type of RFC 9457, section 3. */
    static final String MEDIA_TYPE = "application/problem+json";

    static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status().getCode(), detail, null);
    }

    static Problem of(ProblemType type, String detail, List<String> suggestions) {
        return new Problem(type.uri(), type.title(), type.status().getCode(), detail, List.copyOf(suggestions));
    }
}
