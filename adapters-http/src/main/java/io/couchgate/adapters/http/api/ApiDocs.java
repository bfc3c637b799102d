package io.couchgate.adapters.http.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * The {@code /api} OpenAPI document's header and the request bodies' shapes, for micronaut-openapi's annotation
 * processor, which writes the spec at build time ({@value #SPEC_RESOURCE}, served by {@link OpenApiController}).
 * The controllers read their bodies as streams (a password is never a {@code String}), so these records only
 * describe them.
 */
@OpenAPIDefinition(info = @Info(title = "couchgate", version = "1",
        description = "Accounts and sessions of couchgate. Every error is application/problem+json (RFC 9457); "
                + "/database (the CouchDB proxy) is not described here: it answers as CouchDB does.",
        license = @License(name = "see the repository")))
@SecurityScheme(name = ApiDocs.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
final class ApiDocs {

    /** The security scheme of the calls that need a session: {@code Authorization: Bearer <token>}. */
    static final String BEARER = "bearer";

    /** Where the build puts the spec on the class path. */
    static final String SPEC_RESOURCE = "META-INF/swagger/couchgate-1.yml";

    private ApiDocs() {
    }

    /**
     * @param username the name as typed
     * @param password the password, 12 to 1024 characters
     */
    @Schema(name = "Credentials", requiredProperties = {"username", "password"})
    record Credentials(String username, String password) {
    }

    /**
     * @param currentPassword the account's password now
     * @param newPassword the new one (the signup policy applies)
     */
    @Schema(name = "PasswordChange", requiredProperties = {"currentPassword", "newPassword"})
    record PasswordChange(String currentPassword, String newPassword) {
    }

    /** @param password the account's password */
    @Schema(name = "PasswordConfirmation", requiredProperties = {"password"})
    record PasswordConfirmation(String password) {
    }
}
