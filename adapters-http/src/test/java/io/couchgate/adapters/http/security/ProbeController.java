package io.couchgate.adapters.http.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * Test-only routes without {@code @Secured}, standing in for {@code /health} (bootstrap's management endpoint),
 * the {@code /database} proxy and any other path, to show what micronaut-security's filter lets through; plus two
 * {@code @Secured} routes, standing in for the next route that would trust micronaut-security's {@code Authentication}.
 */
@Controller
@Requires(env = "test")
class ProbeController {

    @Get(value = "/health", produces = MediaType.TEXT_PLAIN)
    String health() {
        return "health reached";
    }

    @Get(value = "/database/_couchgate_probe", produces = MediaType.TEXT_PLAIN)
    String database() {
        return "database reached";
    }

    @Get(value = "/elsewhere", produces = MediaType.TEXT_PLAIN)
    String elsewhere() {
        return "elsewhere reached";
    }

    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Get(value = "/authenticated-only", produces = MediaType.TEXT_PLAIN)
    String authenticatedOnly() {
        return "authenticated-only reached";
    }

    @Secured("ADMIN")
    @Get(value = "/admin-only", produces = MediaType.TEXT_PLAIN)
    String adminOnly() {
        return "admin-only reached";
    }
}
