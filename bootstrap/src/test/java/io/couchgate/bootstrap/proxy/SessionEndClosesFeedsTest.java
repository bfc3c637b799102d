package io.couchgate.bootstrap.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A session's open {@code _changes} feed ends with the session, client and CouchDB connection alike: on logout, on
 * logout everywhere, and when a login beyond {@code couchgate.sessions.max-per-user} ends the user's oldest session
 * (security review, item 6). Another session's feed stays open. The ends are awaited as events
 * ({@link OpenFeed#GENEROUS}); the ≤ 1 s promise is measured by scripts/bench scenario 9.
 */
class SessionEndClosesFeedsTest extends StackWithAlice {

    @Test
    void logout_closesThatSessionsFeed_andLeavesTheUsersOtherSessionsFeedOpen() throws Exception {
        String phone = AppSessions.signUpAndLogIn(stack.couchgatePort(), "bob");
        String laptop = AppSessions.logIn(stack.couchgatePort(), "bob");
        try (OpenFeed ended = OpenFeed.open(stack, phone, "bob-phone");
             OpenFeed other = OpenFeed.open(stack, laptop, "bob-laptop")) {

            assertThat(logOut("/api/sessions/current", phone)).isEqualTo(204);

            assertThat(ended.upstreamCloses()).as("CouchDB connection closed").isTrue();
            assertThat(ended.clientCloses()).as("client connection closed").isTrue();
            assertThat(other.upstreamStaysOpenFor(Duration.ofMillis(500))).as("other session's feed").isTrue();
        }
    }

    @Test
    void logoutEverywhere_closesEveryFeedOfTheUser_butNotAnotherUsers() throws Exception {
        String phone = AppSessions.signUpAndLogIn(stack.couchgatePort(), "carol");
        String laptop = AppSessions.logIn(stack.couchgatePort(), "carol");
        try (OpenFeed first = OpenFeed.open(stack, phone, "carol-phone");
             OpenFeed second = OpenFeed.open(stack, laptop, "carol-laptop");
             OpenFeed alices = OpenFeed.open(stack, alice, "alice-everywhere")) {

            assertThat(logOut("/api/sessions", laptop)).isEqualTo(204);

            assertThat(first.upstreamCloses()).as("first feed's CouchDB connection").isTrue();
            assertThat(second.upstreamCloses()).as("second feed's CouchDB connection").isTrue();
            assertThat(first.clientCloses()).as("first feed's client").isTrue();
            assertThat(second.clientCloses()).as("second feed's client").isTrue();
            assertThat(alices.upstreamStaysOpenFor(Duration.ofMillis(500))).as("alice's feed").isTrue();
        }
    }

    @Test
    void loginBeyondTheSessionCap_closesTheOldestSessionsFeed() throws Exception {
        String oldest = AppSessions.signUpAndLogIn(stack.couchgatePort(), "dave");
        for (int i = 1; i < 20; i++) {
            AppSessions.logIn(stack.couchgatePort(), "dave");
        }
        try (OpenFeed feed = OpenFeed.open(stack, oldest, "dave-oldest")) {

            AppSessions.logIn(stack.couchgatePort(), "dave");

            assertThat(feed.upstreamCloses()).as("CouchDB connection closed").isTrue();
            assertThat(feed.clientCloses()).as("client connection closed").isTrue();
        }
        assertThat(stack.through("GET", "/api/sessions/current", oldest, Map.of(), null).status()).isEqualTo(401);
    }

    private static int logOut(String path, String token) {
        return stack.through("DELETE", path, token, Map.of(), null).status();
    }
}
