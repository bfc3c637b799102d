package io.couchgate.adapters.http.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

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
     * @return 200 with the spec, {@value #YAML}; Micronaut answers 406 {@code not-acceptable} itself when the
     *     {@code Accept} header admits no YAML (e.g. only {@code application/json})
     */
    @Get(value = "/openapi.yml", produces = YAML)
    @Operation(summary = "This OpenAPI document")
    @ApiResponse(responseCode = "200", description = "the spec", content = @Content(mediaType = YAML))
    @ApiResponse(responseCode = "406", description = "not-acceptable: the Accept header admits no application/yaml",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<byte[]> spec() {
        return HttpResponse.ok(spec).contentType(YAML);
    }
}
