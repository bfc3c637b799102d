package io.couchgate.bootstrap.proxy;

import static io.couchgate.bootstrap.proxy.OutageApi.NEW_PASSWORD;
import static io.couchgate.bootstrap.proxy.OutageApi.PASSWORD;
import static io.couchgate.bootstrap.proxy.OutageApi.timed;
import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.bootstrap.proxy.OutageApi.Timed;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * CouchDB going silent in the middle of an {@code /api} call, at the worst moment: it receives and performs one of
 * the call's writes, but its answer never comes (the relay holds it; couchgate's 2 s request timeout ends the wait).
 * Each call answers 503 {@code couchdb-unavailable} within the bound, and once CouchDB answers again the state is one
 * that a retry (or the sweep) converges from: no half-made account, password change or session. Memory session
 * mode; {@link DurableApiLostAnswersEndToEndTest} runs the same in the durable one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiLostAnswersEndToEndTest {

    private static final String USERS_WRITE = "PUT /_users/org.couchdb.user:users%2F";
    private static final String USERS_DELETE = "DELETE /_users/org.couchdb.user:users%2F";
    private static final String APP_USER_WRITE = "PUT /app_users/user:";

    private OutageApi api;

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

    /** The account was made: it exists once, with the password given, and signing up again says it is taken. */
    @Test
    void signUp_whoseAccountWriteIsNotAnswered_gives503_andLeavesOneWorkingAccount() throws IOException {
        String name = "lost-signup";

        api.assertCouchDbUnavailable(answerLost(APP_USER_WRITE, name, () -> api.signUp(name, PASSWORD)));

        RawResponse again = api.signUp(name, PASSWORD);
        assertThat(again.status()).as(again.bodyText()).isEqualTo(409);
        assertThat(api.stack().parse(again.bodyText())).containsEntry("type", "/problems/username-taken");
        assertThat(api.logIn(name, PASSWORD).status()).isEqualTo(201);
    }

    /** CouchDB created the session user, couchgate kept no session: the sweep deletes that user. */
    @Test
    void logIn_whoseSessionUserWriteIsNotAnswered_gives503_andTheSweepDeletesTheUser() throws IOException {
        String name = "lost-login";
        assertThat(api.signUp(name, PASSWORD).status()).isEqualTo(201);

        api.assertCouchDbUnavailable(answerLost(USERS_WRITE, name, () -> api.logIn(name, PASSWORD)));

        assertThat(api.relay().requestLines()).anyMatch(line -> line.startsWith(USERS_WRITE)
                && line.contains("%2F" + name + "%2F"));
        api.awaitNoSessionUsersOf(name);
        String token = api.token(name, PASSWORD);
        assertThat(api.current(name, token).status()).isEqualTo(200);
        assertThat(api.sessionUsersOf(name)).hasSize(1);
    }

    /** CouchDB deleted the session user, couchgate kept the session: the retry ends it (a gone user is no error). */
    @Test
    void logOut_whoseUserDeleteIsNotAnswered_gives503_andARetryEndsTheSession() throws IOException {
        String name = "lost-logout";
        String token = api.signUpAndLogIn(name);

        api.assertCouchDbUnavailable(answerLost(USERS_DELETE, name, () -> api.logOut(name, token)));

        assertThat(api.sessionUsersOf(name)).isEmpty();
        assertThat(api.logOut(name, token).status()).isEqualTo(204);
        assertThat(api.current(name, token).status()).isEqualTo(401);
    }

    /** Sessions end before the hash changes: the new hash was stored, so the change is complete. */
    @Test
    void passwordChange_whoseHashWriteIsNotAnswered_gives503_andTheNewPasswordHoldsAlone() throws IOException {
        String name = "lost-hash";
        String caller = api.signUpAndLogIn(name);
        String other = api.token(name, PASSWORD);

        api.assertCouchDbUnavailable(answerLost(APP_USER_WRITE, name,
                () -> api.changePassword(name, caller, PASSWORD, NEW_PASSWORD)));

        assertThat(api.current(name, other).status()).isEqualTo(401);
        assertThat(api.current(name, caller).status()).isEqualTo(200);
        assertThat(api.logIn(name, PASSWORD).status()).isEqualTo(401);
        assertThat(api.logIn(name, NEW_PASSWORD).status()).isEqualTo(201);
    }

    /** The change stopped while ending the other sessions: the old password holds, and a retry completes it. */
    @Test
    void passwordChange_whoseSessionEndIsNotAnswered_gives503_keepsTheOldPassword_andARetryCompletesIt()
            throws IOException {
        String name = "lost-end";
        String caller = api.signUpAndLogIn(name);
        String other = api.token(name, PASSWORD);

        api.assertCouchDbUnavailable(answerLost(USERS_DELETE, name,
                () -> api.changePassword(name, caller, PASSWORD, NEW_PASSWORD)));

        assertThat(api.logIn(name, NEW_PASSWORD).status()).isEqualTo(401);
        String third = api.token(name, PASSWORD);
        assertThat(api.current(name, caller).status()).isEqualTo(200);
        assertThat(api.changePassword(name, caller, PASSWORD, NEW_PASSWORD).status()).isEqualTo(204);
        assertThat(api.current(name, other).status()).isEqualTo(401);
        assertThat(api.current(name, third).status()).isEqualTo(401);
        assertThat(api.current(name, caller).status()).isEqualTo(200);
        assertThat(api.logIn(name, PASSWORD).status()).isEqualTo(401);
        assertThat(api.logIn(name, NEW_PASSWORD).status()).isEqualTo(201);
        assertThat(api.sessionUsersOf(name)).hasSize(2); // the caller's and the last login's
    }

    /** Sessions end before the account goes: the deletion mark was stored, so the account is gone, whole. */
    @Test
    void accountDeletion_whoseMarkWriteIsNotAnswered_gives503_andTheAccountIsFullyGone() throws IOException {
        String name = "lost-delete";
        String caller = api.signUpAndLogIn(name);
        String other = api.token(name, PASSWORD);

        api.assertCouchDbUnavailable(answerLost(APP_USER_WRITE, name,
                () -> api.deleteAccount(name, caller, PASSWORD)));

        assertThat(api.current(name, caller).status()).isEqualTo(401);
        assertThat(api.current(name, other).status()).isEqualTo(401);
        assertThat(api.sessionUsersOf(name)).isEmpty();
        assertThat(api.appUserDocument(name).bodyText()).contains("deleted_at").doesNotContain("password_hash");
        assertThat(api.logIn(name, PASSWORD).bodyText()).isEqualTo(api.logIn("nobody-" + name, PASSWORD).bodyText());
        assertThat(api.signUp(name, PASSWORD).status()).isEqualTo(409);
    }

    /**
     * Makes the call while CouchDB's answer is held to each request whose line starts with the prefix and names the
     * user (as {@code user:<name>} or a path segment {@code %2F<name>%2F}), then lets CouchDB answer again.
     */
    private Timed answerLost(String requestLinePrefix, String username, Supplier<RawResponse> call)
            throws IOException {
        api.relay().loseAnswersTo(line -> line.startsWith(requestLinePrefix)
                && (line.startsWith(requestLinePrefix + username + " ") || line.contains("%2F" + username + "%2F")));
        try {
            return timed(call);
        } finally {
            api.relay().resume();
            api.awaitHealthy();
        }
    }
}
