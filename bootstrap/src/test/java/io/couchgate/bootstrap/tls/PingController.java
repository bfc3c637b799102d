package io.couchgate.bootstrap.tls;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/** Tiny endpoints the TLS tests call; they exist only in the {@value TlsTestServers#ENVIRONMENT} environment. */
@Controller("/tls-test")
@Requires(env = TlsTestServers.ENVIRONMENT)
class PingController {

    @Get("/ping")
    @Produces(MediaType.TEXT_PLAIN)
    @Secured(SecurityRule.IS_ANONYMOUS)
    String ping() {
        return "pong";
    }

    @Get("/members-only")
    @Produces(MediaType.TEXT_PLAIN)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    String membersOnly() {
        return "secret";
    }
}
