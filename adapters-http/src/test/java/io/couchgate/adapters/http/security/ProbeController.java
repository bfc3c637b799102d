package io.couchgate.adapters.http.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
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

    /** Sets {@code Content-Type} on the response itself, as the proxy does, so that the filters see it. */
    @Get("/database/_couchgate_probe")
    HttpResponse<String> database() {
        return HttpResponse.ok("database reached").contentType(MediaType.TEXT_PLAIN_TYPE);
    }

    @Get("/database/_couchgate_probe_json")
    HttpResponse<String> databaseJson() {
        return HttpResponse.ok("{\"probe\":\"database reached\"}").contentType(MediaType.APPLICATION_JSON_TYPE);
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
