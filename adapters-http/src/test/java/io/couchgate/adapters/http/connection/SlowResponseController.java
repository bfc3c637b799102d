package io.couchgate.adapters.http.connection;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.time.Duration;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/** A test-only response that streams for longer than the tests' header-read timeout, like a {@code _changes} feed. */
@Controller("/connection-test")
@Requires(property = ConnectionLimitsTestBeans.TIMEOUT)
class SlowResponseController {

    /** Pieces of the slow response. */
    static final int PIECES = 6;
    /** Pause before each piece. */
    static final Duration PAUSE = Duration.ofMillis(300);

    @Get(value = "/slow", produces = MediaType.TEXT_PLAIN)
    @Secured(SecurityRule.IS_ANONYMOUS)
    Publisher<String> slow() {
        return Flux.interval(PAUSE).take(PIECES).map(i -> "tick " + i + "\n");
    }
}
