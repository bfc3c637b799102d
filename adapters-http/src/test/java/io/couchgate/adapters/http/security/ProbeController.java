package io.couchgate.adapters.http.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * Test-only routes without {@code @Secured}, standing in for {@code /health} (bootstrap's management endpoint),
 * the {@code /database} proxy and any other path, to show what micronaut-security's filter lets through.
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
}
