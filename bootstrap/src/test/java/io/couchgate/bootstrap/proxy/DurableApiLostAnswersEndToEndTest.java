package io.couchgate.bootstrap.proxy;

import java.util.Map;

/**
 * {@link ApiLostAnswersEndToEndTest} in the durable session mode ({@code couchgate.sessions.store: couchdb}): a login
 * whose session user's creation goes unanswered removes its session document, and the durable sweep deletes the
 * user it left (a session user without its document goes at once).
 */
class DurableApiLostAnswersEndToEndTest extends ApiLostAnswersEndToEndTest {

    @Override
    Map<String, Object> configuration() {
        return Map.of("couchgate.sessions.store", "couchdb");
    }
}
