package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabasePathRulesTest {

    private final DatabasePathRules rules = new DatabasePathRules(Set.of("posts", "a/b"));

    @ParameterizedTest
    @ValueSource(strings = {"/posts", "/posts/", "/posts/doc", "/posts/a%2Fb", "/posts/x+y", "/posts/with%20space",
        "/posts/%C3%A9%E2%9C%93", "/posts/_local/checkpoint-1", "/posts/100%25", "/posts/100%25%25",
        "/posts/_design/app/_view/v", "/posts/_changes", "/posts/doc/att%2Fx.png", "/posts/a..b", "/posts/...",
        "/posts/.hidden", "/a%2Fb/doc", "/posts/%25zz", "/posts/%2525", "/posts/%25252541"})
    void pathUnderAConfiguredDatabase_isForwardedUnchanged(String path) {
        assertThat(upstreamPath("GET", "/database" + path)).contains(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/_users", "/_replicator", "/app_users", "/_node/_local/_config", "/_session",
        "/_all_dbs", "/unknown", "/Posts", "/posts%00", "/posts/../_users", "/posts/%2e%2E/_users",
        "/posts/..%2F_users", "/posts/%252e%252e/_users", "/posts/%25252e%25252e/_users", "/posts/a%2F..%2Fb",
        "/posts/.", "/posts/%2e", "/posts/..;/_users", "/posts//doc", "//posts", "/posts/a\\b", "/posts/a%5Cb",
        "/posts/doc%00", "/posts/doc%1F", "/posts/doc%7f", "/posts/%", "/posts/%2", "/posts/%G0", "/posts/%FF",
        "/p%6Fsts%25/doc", "/%25posts", "/posts/%2e%2e%5c_users", "/posts/\u0001", "/posts/%2F..", "/posts/x%2F.",
        "/posts/%2525252541"})
    void pathOutsideTheConfiguredDatabasesOrWithTricks_isRefused(String path) {
        assertThat(upstreamPath("GET", "/database" + path)).isEmpty();
    }

    @Test
    void percentEncodedDatabaseName_isComparedDecoded() {
        assertThat(upstreamPath("GET", "/database/p%6Fsts/doc")).contains("/p%6Fsts/doc");
    }

    @Test
    void serverRoot_isOnlyReadable() {
        assertThat(upstreamPath("GET", "/database")).contains("/");
        assertThat(upstreamPath("HEAD", "/database/")).contains("/");
        assertThat(upstreamPath("PUT", "/database/")).isEmpty();
        assertThat(upstreamPath("DELETE", "/database")).isEmpty();
    }

    @Test
    void traceTrackAndConnect_areRefused() {
        assertThat(upstreamPath("TRACE", "/database/posts/doc")).isEmpty();
        assertThat(upstreamPath("track", "/database/posts/doc")).isEmpty();
        assertThat(upstreamPath("CONNECT", "/database/posts")).isEmpty();
        assertThat(upstreamPath("COPY", "/database/posts/doc")).contains("/posts/doc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/posts/_changes", "/posts/_changes/", "/a%2Fb/_changes", "/posts/%5Fchanges",
        "/posts/%5fchanges", "/posts/a%2F_changes", "/posts/_design/app/_changes", "/posts/x/%5Fchanges%2Fy"})
    void isChanges_forAChangesPieceBelowTheDatabase_inAnySpellingCouchDbRoutes(String upstreamPath) {
        assertThat(DatabasePathRules.isChanges(upstreamPath)).as(upstreamPath).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/posts", "/posts/", "/posts/doc", "/_changes", "/_changes/doc", "/%5Fchanges/doc",
        "/posts/_changesx", "/posts/%5Fchangesx", "/posts/%2Fchanges", "/posts/%zz", "/posts/doc%20_changes"})
    void isChanges_notForTheDatabaseSegment_norForOtherNames(String upstreamPath) {
        assertThat(DatabasePathRules.isChanges(upstreamPath)).as(upstreamPath).isFalse();
    }

    @Test
    void pathOutsideTheMount_isRefused() {
        assertThat(upstreamPath("GET", "/databases/posts")).isEmpty();
        assertThat(upstreamPath("GET", "/api/posts")).isEmpty();
    }

    private Optional<String> upstreamPath(String method, String rawPath) {
        return rules.upstreamPath(method, rawPath, ParsedQuery.EMPTY, List.of());
    }
}
