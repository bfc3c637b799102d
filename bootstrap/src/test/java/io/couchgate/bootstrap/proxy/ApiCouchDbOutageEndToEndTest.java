package io.couchgate.bootstrap.proxy;

import static io.couchgate.bootstrap.proxy.OutageApi.BOUND;
import static io.couchgate.bootstrap.proxy.OutageApi.NEW_PASSWORD;
import static io.couchgate.bootstrap.proxy.OutageApi.PASSWORD;
import static io.couchgate.bootstrap.proxy.OutageApi.timed;
import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.bootstrap.proxy.OutageApi.Timed;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every {@code /api} call with CouchDB taken away right before it, everything else real (dev CouchDB behind a relay,
 * couchgate wired as in production, memory session mode, CouchDB timeouts of 1 s to connect and 2 s to answer):
 * {@link Outage#DOWN} refuses connections, {@link Outage#HANG} accepts them and answers nothing. Each call answers
 * 503 {@code couchdb-unavailable} with {@code Retry-After} within the timeout (plus room), never a 500; once CouchDB
 * is back, nothing is half-made and the same call succeeds. {@link DurableApiCouchDbOutageEndToEndTest} runs the
 * same in the durable session mode.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiCouchDbOutageEndToEndTest {

    private OutageApi api;

    /** How CouchDB goes away. */
    enum Outage {
        /** Stopped: connections refused, open ones cut. */
        DOWN,
        /** Frozen: connections accepted, no byte passes either way, open ones included. */
        HANG;

        String name(String call) {
            return call + "-" + name().toLowerCase(Locale.ROOT);
        }
    }

    @BeforeAll
    void startStack() throws IOException {
        api = OutageApi.start(configuration());
    }

    @AfterAll
    void stopStack() throws IOException {
        api.close();
    }

    /** @return couchgate configuration beyond {@link OutageApi}'s (none: the memory session mode) */
    Map<String, Object> configuration() {
        return Map.of();
    }

    /** @return the running stack's calls */
    OutageApi api() {
        return api;
    }

    @ParameterizedTest
    @EnumSource(Outage.class)
    void signUp_gives503_andTheNameCanBeSignedUpOnceCouchDbIsBack(Outage outage) throws IOException {
        String name = outage.name("signup");

        api.assertCouchDbUnavailable(during(outage, () -> api.signUp(name, PASSWORD)));

        assertThat(api.appUserDocument(name).status()).isEqualTo(404);
        assertThat(api.signUp(name, PASSWORD).status()).isEqualTo(201);
        assertThat(api.logIn(name, PASSWORD).status()).isEqualTo(201);
    }

    @ParameterizedTest
    @EnumSource(Outage.class)
    void logIn_gives503_leavesNoSessionUser_andLogsInOnceCouchDbIsBack(Outage outage) throws IOException {
        String name = outage.name("login");
        assertThat(api.signUp(name, PASSWORD).status()).isEqualTo(201);

        api.assertCouchDbUnavailable(during(outage, () -> api.logIn(name, PASSWORD)));

        assertThat(api.sessionUsersOf(name)).isEmpty();
        String token = api.token(name, PASSWORD);
        assertThat(api.current(name, token).status()).isEqualTo(200);
        assertThat(api.sessionUsersOf(name)).hasSize(1);
    }

    /** In the memory mode the session lives in couchgate's memory: reading it needs no CouchDB. */
    @ParameterizedTest
    @EnumSource(Outage.class)
    void currentSession_isAnsweredFromMemory_whileCouchDbIsAway(Outage outage) throws IOException {
        String name = outage.name("current");
        String token = api.signUpAndLogIn(name);

        Timed current = during(outage, () -> api.current(name, token));

        assertThat(current.response().status()).as(current.response().bodyText()).isEqualTo(200);
        assertThat(api.stack().parse(current.response().bodyText())).containsEntry("username", name);
        assertThat(current.took()).isLessThan(BOUND);
    }

    @ParameterizedTest
    @EnumSource(Outage.class)
    void logOut_gives503_keepsTheSessionWhole_andARetryEndsIt(Outage outage) throws IOException {
        String name = outage.name("logout");
        String token = api.signUpAndLogIn(name);

        api.assertCouchDbUnavailable(during(outage, () -> api.logOut(name, token)));

        assertThat(api.current(name, token).status()).isEqualTo(200);
        assertThat(api.sessionUsersOf(name)).hasSize(1);
        assertThat(api.logOut(name, token).status()).isEqualTo(204);
        assertThat(api.current(name, token).status()).isEqualTo(401);
        assertThat(api.sessionUsersOf(name)).isEmpty();
    }

    /** Six sessions: a call that waited once per session (6 timeouts) would take longer than the bound. */
    @ParameterizedTest
    @EnumSource(Outage.class)
    void logOutEverywhere_gives503_withinOneTimeout_keepsEverySession_andARetryEndsThemAll(Outage outage)
            throws IOException {
        String name = outage.name("everywhere");
        List<String> tokens = new ArrayList<>(List.of(api.signUpAndLogIn(name)));
        for (int i = 1; i < 6; i++) {
            tokens.add(api.token(name, PASSWORD));
        }

        api.assertCouchDbUnavailable(during(outage, () -> api.logOutEverywhere(name, tokens.get(0))));

        for (String token : tokens) {
            assertThat(api.current(name, token).status()).isEqualTo(200);
        }
        assertThat(api.sessionUsersOf(name)).hasSize(6);
        assertThat(api.logOutEverywhere(name, tokens.get(0)).status()).isEqualTo(204);
        for (String token : tokens) {
            assertThat(api.current(name, token).status()).isEqualTo(401);
        }
        assertThat(api.sessionUsersOf(name)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Outage.class)
    void passwordChange_gives503_changesNothing_andARetryChangesIt(Outage outage) throws IOException {
        String name = outage.name("password");
        String caller = api.signUpAndLogIn(name);
        String other = api.token(name, PASSWORD);

        api.assertCouchDbUnavailable(during(outage,
                () -> api.changePassword(name, caller, PASSWORD, NEW_PASSWORD)));

        assertThat(api.current(name, caller).status()).isEqualTo(200);
        assertThat(api.current(name, other).status()).isEqualTo(200);
        assertThat(api.logIn(name, NEW_PASSWORD).status()).isEqualTo(401);
        String third = api.token(name, PASSWORD);
        assertThat(api.changePassword(name, caller, PASSWORD, NEW_PASSWORD).status()).isEqualTo(204);
        assertThat(api.current(name, caller).status()).isEqualTo(200);
        assertThat(api.current(name, other).status()).isEqualTo(401);
        assertThat(api.current(name, third).status()).isEqualTo(401);
        assertThat(api.logIn(name, PASSWORD).status()).isEqualTo(401);
        assertThat(api.logIn(name, NEW_PASSWORD).status()).isEqualTo(201);
    }

    @ParameterizedTest
    @EnumSource(Outage.class)
    void accountDeletion_gives503_keepsTheAccount_andARetryDeletesItWhole(Outage outage) throws IOException {
        String name = outage.name("delete");
        String caller = api.signUpAndLogIn(name);
        String other = api.token(name, PASSWORD);

        api.assertCouchDbUnavailable(during(outage, () -> api.deleteAccount(name, caller, PASSWORD)));

        assertThat(api.current(name, caller).status()).isEqualTo(200);
        assertThat(api.current(name, other).status()).isEqualTo(200);
        assertThat(api.appUserDocument(name).bodyText()).contains("password_hash").doesNotContain("deleted_at");
        assertThat(api.deleteAccount(name, caller, PASSWORD).status()).isEqualTo(204);
        assertThat(api.current(name, caller).status()).isEqualTo(401);
        assertThat(api.current(name, other).status()).isEqualTo(401);
        assertThat(api.logIn(name, PASSWORD).bodyText()).isEqualTo(api.logIn("nobody-" + name, PASSWORD).bodyText());
        assertThat(api.sessionUsersOf(name)).isEmpty();
    }

    /** {@code /health} waits at most 2 s for CouchDB's welcome (CouchDbHealthIndicator.BOUND). */
    @ParameterizedTest
    @EnumSource(Outage.class)
    @SuppressWarnings("unchecked")
    void health_is503Down_namingCouchDb_whileCouchDbIsAway(Outage outage) throws IOException {
        Timed health = during(outage, api::health);

        assertThat(health.response().status()).as(health.response().bodyText()).isEqualTo(503);
        Map<String, Object> body = api.stack().parse(health.response().bodyText());
        assertThat(body).containsEntry("status", "DOWN");
        assertThat((Map<String, Object>) ((Map<String, Object>) body.get("details")).get("couchdb"))
                .containsEntry("status", "DOWN");
        assertThat(health.took()).isLessThan(BOUND.plusSeconds(1));
        assertThat(api.health().status()).isEqualTo(200);
    }

    /** Takes CouchDB away, makes the call, brings CouchDB back and waits until couchgate sees it again. */
    private Timed during(Outage outage, Supplier<RawResponse> call) throws IOException {
        if (outage == Outage.DOWN) {
            api.relay().down();
        } else {
            api.relay().hang();
        }
        try {
            return timed(call);
        } finally {
            if (outage == Outage.DOWN) {
                api.relay().up();
            } else {
                api.relay().resume();
            }
            api.awaitHealthy();
        }
    }
}
