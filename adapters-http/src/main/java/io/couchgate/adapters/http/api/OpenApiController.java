package io.couchgate.adapters.http.api;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.server.exceptions.NotAcceptableException;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code GET /api/openapi.yml}: the {@code /api} OpenAPI 3 document, as the build wrote it from the controllers
 * ({@link ApiDocs}); public, no token. Read once, at start.
 */
@Controller("/api")
@Secured(SecurityRule.IS_ANONYMOUS)
final class OpenApiController {

    /** The YAML media type (RFC 9512). */
    static final String YAML = "application/yaml";

    private final byte[] spec;

    OpenApiController() {
        try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(ApiDocs.SPEC_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI spec " + ApiDocs.SPEC_RESOURCE + " is not on the class "
                        + "path: build adapters-http with its annotation processors");
            }
            this.spec = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param request the request, for its {@code Accept} header
     * @return 200 with the spec, {@value #YAML}
     * @throws NotAcceptableException (406 {@code not-acceptable}, {@link NotAcceptableHandler}) when {@code Accept}
     *     admits no YAML (RFC 9110, section 12.5.1): no range matches it (only {@code application/json}), or the most
     *     specific one that does has {@code q=0} ({@code application/yaml;q=0, *}{@code /*}). The route produces
     *     any type so that this, not Micronaut's router (which ignores {@code q} and does not match
     *     {@code application/*}), decides
     */
    @Get(value = "/openapi.yml", produces = MediaType.ALL)
    @Operation(summary = "This OpenAPI document")
    @ApiResponse(responseCode = "200", description = "the spec", content = @Content(mediaType = YAML))
    @ApiResponse(responseCode = "406", description = "not-acceptable: the Accept header admits no application/yaml "
            + "(none of its ranges matches it, or the most specific one that does has q=0)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<byte[]> spec(HttpRequest<?> request) {
        List<String> accept = request.getHeaders().getAll(HttpHeaders.ACCEPT);
        if (!AcceptHeader.admits(accept, YAML)) {
            throw new NotAcceptableException(accept, List.of(YAML));
        }
        return HttpResponse.ok(spec).contentType(YAML);
    }
}
