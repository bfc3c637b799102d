package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The allowlist below an app database, checked through {@link DatabasePathRules} as the proxy filter calls it. */
class SubResourceAllowlistTest {

    private final DatabasePathRules rules = new DatabasePathRules(Set.of("posts", "a/b"));

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "GET|/posts", "HEAD|/posts", "GET|/posts/", "POST|/posts", "POST|/posts/", "GET|/a%2Fb", "POST|/a%2Fb/",
        "GET|/posts/doc", "HEAD|/posts/doc", "PUT|/posts/doc", "DELETE|/posts/doc?rev=1-a", "COPY|/posts/doc",
        "GET|/posts/doc?revs=true&open_revs=%5B%221-a%22%5D&attachments=true", "GET|/posts/doc/",
        "GET|/posts/doc/att.png", "HEAD|/posts/doc/att.png", "PUT|/posts/doc/att.png?rev=1-a",
        "DELETE|/posts/doc/att.png?rev=2-b", "COPY|/posts/doc/att.png", "GET|/posts/doc/dir%2Ffile%20name.txt",
        "PUT|/posts/a%2Fb", "PUT|/posts/a%2F_design", "PUT|/posts/%2F_design%2Fx", "PUT|/a%2Fb/doc",
        "GET|/posts/_local/checkpoint-1", "HEAD|/posts/_local/checkpoint-1", "PUT|/posts/_local/checkpoint-1",
        "DELETE|/posts/_local/checkpoint-1?rev=0-1",
        "GET|/posts/_design/app", "HEAD|/posts/_design/app", "GET|/posts/_design%2Fapp",
        "GET|/posts/_design/app/_view/by-date?key=1", "HEAD|/posts/_design/app/_view/by-date",
        "POST|/posts/_design/app/_view/by-date", "GET|/posts/_design/app/_info", "HEAD|/posts/_design/app/_info",
        "GET|/posts/_design/app/", "HEAD|/posts/_design%2Fapp", "GET|/posts/_design%2Fapp/_view/by-date",
        "GET|/posts/_design/app/_info/", "GET|/posts/_design/app/_view/by-date/",
        "GET|/posts/_all_docs", "HEAD|/posts/_all_docs", "POST|/posts/_all_docs", "GET|/posts/_all_docs/",
        "GET|/posts/_design_docs", "POST|/posts/_design_docs",
        "POST|/posts/_all_docs/queries", "POST|/posts/_design_docs/queries",
        "GET|/posts/_changes", "POST|/posts/_changes", "HEAD|/posts/_changes",
        "GET|/posts/_changes?style=all_docs&since=0&limit=100",
        "GET|/posts/_changes?feed=longpoll&since=now&heartbeat=10000&timeout=60000&seq_interval=100",
        "GET|/posts/_changes?feed=continuous&style=all_docs&since=12-g1AAAA&heartbeat=10000",
        "GET|/posts/_changes?filter=_doc_ids&doc_ids=%5B%22a%22%5D", "POST|/posts/_changes?filter=_doc_ids",
        "POST|/posts/_changes?filter=_selector", "GET|/posts/_changes?filter=_view&view=app/by-date",
        "GET|/posts/_changes?filter=%5Fview&view=app/by-date", "GET|/posts/_changes?since=0&&x",
        "GET|/posts/_changes?filter=_design", "POST|/posts/_changes?filter=_design&since=0",
        "GET|/posts/_changes?feed=longpoll&filter=%5Fdesign",
        "POST|/posts/_find", "POST|/posts/_explain", "GET|/posts/_index", "HEAD|/posts/_index",
        "POST|/posts/_bulk_get?revs=true", "POST|/posts/_bulk_docs", "POST|/posts/_revs_diff",
        "POST|/posts/_missing_revs", "POST|/posts/_ensure_full_commit"})
    void allowedMethodOnSubResource_isForwardedUnchanged(String method, String target) {
        assertThat(upstreamPath(method, target)).contains(target.split("\\?", 2)[0]);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "PUT|/posts", "DELETE|/posts", "DELETE|/posts/", "COPY|/posts", "PATCH|/posts", "OPTIONS|/posts",
        "DELETE|/a%2Fb", "get|/posts/doc", "post|/posts/_bulk_docs", "Put|/posts/doc",
        "POST|/posts/doc", "PATCH|/posts/doc", "OPTIONS|/posts/doc", "MOVE|/posts/doc", "POST|/posts/doc/att.png",
        "POST|/posts/_local/x", "COPY|/posts/_local/x", "PUT|/posts/_local", "PUT|/posts/_local/",
        "GET|/posts/_local", "PUT|/posts/_local%2Fx", "DELETE|/posts/_local%2Fx",
        "GET|/posts/_local_docs", "POST|/posts/_local_docs", "HEAD|/posts/_local_docs",
        "POST|/posts/_local_docs/queries", "GET|/posts/%5Flocal_docs",
        "PUT|/posts/_design/couchgate", "DELETE|/posts/_design/couchgate?rev=1-a", "COPY|/posts/_design/couchgate",
        "POST|/posts/_design/couchgate", "PATCH|/posts/_design/couchgate", "PUT|/posts/_design%2Fcouchgate",
        "DELETE|/posts/_design%2Fcouchgate", "PUT|/posts/%5Fdesign/couchgate", "PUT|/posts/%5Fdesign%2Fcouchgate",
        "PUT|/posts/_Design/couchgate", "PUT|/posts/_design/couchgate/validate.js",
        "DELETE|/posts/_design/couchgate/validate.js", "POST|/posts/_design/app/_update/u/doc",
        "PUT|/posts/_design/app/_update/u/doc", "POST|/posts/_design/app/_show/s", "POST|/posts/_design/app/_list/l/v",
        "POST|/posts/_design/app/_view", "POST|/posts/_design/app/_view/", "POST|/posts/_design/app/_view/v/x",
        "POST|/posts/_design/app%2F_view%2Fv", "POST|/posts/_design/app/_view%2Fv", "POST|/posts/_design%2Fapp/_view/v",
        "PUT|/posts/_design/app/_view/v", "GET|/posts/_design", "GET|/posts/_design/", "PUT|/posts/_design/",
        "GET|/posts/_design/app/_show/s/doc", "HEAD|/posts/_design/app/_show/s", "GET|/posts/_design/app/_show",
        "GET|/posts/_design/app/_list/l/v", "HEAD|/posts/_design/app/_list/l/v", "GET|/posts/_design/app/_rewrite",
        "GET|/posts/_design/app/_rewrite/page.html", "HEAD|/posts/_design/app/_rewrite/x",
        "GET|/posts/_design/app/_update/u/doc", "GET|/posts/_design/app/logo.png", "HEAD|/posts/_design/app/logo.png",
        "GET|/posts/_design/app/page.html", "GET|/posts/_design/app/dir%2Fpage.html", "GET|/posts/_design/app/a/b",
        "GET|/posts/_design%2Fapp%2F_show%2Fs", "GET|/posts/_design/app/_show%2Fs",
        "GET|/posts/_design/app%2F_list/l/v", "GET|/posts/_design/app/%5Fshow/s", "GET|/posts/_design/app/_view",
        "GET|/posts/_design/app/_view/", "GET|/posts/_design/app/_view/v/x", "HEAD|/posts/_design/app/_view",
        "GET|/posts/_design/app/_info/x",
        "POST|/posts/_design/app/_info", "PUT|/posts/_design/app/_info", "DELETE|/posts/_design/app/_info",
        "GET|/posts/_design/app/_search/s", "GET|/posts/_design/app/_nouveau/s",
        "POST|/posts/_index", "PUT|/posts/_index", "DELETE|/posts/_index/_design%2Fcouchgate/json/pwn",
        "DELETE|/posts/_index/_design/couchgate/json/pwn", "GET|/posts/_index/_design/couchgate",
        "GET|/posts/_changes?filter=couchgate/nope", "POST|/posts/_changes?filter=couchgate%2Fnope",
        "GET|/posts/_changes?filter=_design/x", "GET|/posts/_changes?filter=_DESIGN",
        "GET|/posts/_changes?filter=_design&filter=couchgate/nope", "GET|/posts/_changes?filter=_designs",
        "GET|/posts/_changes?filter=_doc_ids&filter=couchgate/nope",
        "GET|/posts/_changes?since=0;filter=couchgate/nope", "GET|/posts/_changes?FILTER=couchgate/x",
        "GET|/posts/_changes?Filter=couchgate/x", "GET|/posts/_changes?fIlTeR=_doc_ids&filter=couchgate/x",
        "POST|/posts/_changes?x;FILTER=couchgate/x", "GET|/posts/_changes?%46ILTER=couchgate/x",
        "GET|/posts/%5Fchanges?FILTER=couchgate/x", "GET|/posts/_changes?filter", "GET|/posts/_changes?filter=",
        "GET|/posts/_changes?filter=_view+", "GET|/posts/_changes?filter=_VIEW", "GET|/posts/_changes?f%69lter=app/f",
        "GET|/posts/_changes?feed=continuous&filter=couchgate/nope", "PUT|/posts/_changes", "DELETE|/posts/_changes",
        "GET|/posts/_changes/x", "GET|/posts/_changes%2Fx",
        "PUT|/posts/_all_docs", "DELETE|/posts/_all_docs", "GET|/posts/_all_docs/queries", "GET|/posts/_all_docs/x",
        "POST|/posts/_changes/queries", "GET|/posts/_find", "PUT|/posts/_find", "GET|/posts/_explain",
        "GET|/posts/_bulk_get", "GET|/posts/_bulk_docs", "PUT|/posts/_bulk_docs", "POST|/posts/_bulk_docs%2F",
        "GET|/posts/_revs_diff", "GET|/posts/_missing_revs", "GET|/posts/_ensure_full_commit",
        "GET|/posts/_security", "PUT|/posts/_security", "POST|/posts/_compact", "POST|/posts/_compact/app",
        "POST|/posts/_view_cleanup", "POST|/posts/_purge", "GET|/posts/_purged_infos_limit",
        "PUT|/posts/_purged_infos_limit", "GET|/posts/_revs_limit", "PUT|/posts/_revs_limit",
        "POST|/posts/_temp_view", "GET|/posts/_shards", "GET|/posts/_shards/doc", "GET|/posts/_sync_shards",
        "GET|/posts/_partition/p/_all_docs", "GET|/posts/_design_docs/x", "GET|/posts/_", "GET|/posts/_unknown",
        "GET|/posts/%5Fsecurity", "POST|/posts/_find/x", "POST|/posts/_index/_bulk_delete",
        "GET|/posts/_design/%2Fapp", "GET|/posts/_local/%2Fx"})
    void otherMethodOrSubResource_isRefused(String method, String target) {
        assertThat(upstreamPath(method, target)).isEmpty();
    }

    @ParameterizedTest(name = "Destination: {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "copy-target|true", "b%2Fc?rev=1-abc|true", "100%25|true", "x_design/y|true", "%2F_design/x|true",
        "_design/couchgate|false", "_design%2Fcouchgate|false", "%5Fdesign/couchgate|false",
        "%255Fdesign%252Fcouchgate|false", "'  _design/couchgate'|false", "_local/x|false", "_users|false",
        "%|false", "%ZZ|false"})
    void copy_isForwardedOnlyToAPlainDocumentDestination(String destination, boolean forwarded) {
        Optional<String> path = rules.upstreamPath("COPY", "/database/posts/doc", ParsedQuery.EMPTY,
                List.of(destination));

        assertThat(path.isPresent()).as(destination).isEqualTo(forwarded);
        path.ifPresent(p -> assertThat(p).isEqualTo("/posts/doc"));
    }

    @Test
    void aSegmentThatCannotBeDecoded_isRefused_evenForAPlainDocument() {
        assertThat(SubResourceAllowlist.allows("GET", List.of("doc"), ParsedQuery.EMPTY, List.of())).isTrue();
        assertThat(SubResourceAllowlist.allows("GET", List.of("doc%zz"), ParsedQuery.EMPTY, List.of())).isFalse();
        assertThat(SubResourceAllowlist.allows("GET", List.of("doc", "%"), ParsedQuery.EMPTY, List.of())).isFalse();
    }

    @Test
    void copyWithoutDestination_isForwarded_andCouchDbAnswersIt() {
        assertThat(rules.upstreamPath("COPY", "/database/posts/doc", ParsedQuery.EMPTY, List.of()))
                .contains("/posts/doc");
    }

    @Test
    void copyWithOneDesignDestinationAmongSeveral_isRefused() {
        assertThat(rules.upstreamPath("COPY", "/database/posts/doc", ParsedQuery.EMPTY,
                List.of("ok", "_design/x"))).isEmpty();
    }

    @Test
    void destinationHeader_isIgnoredForOtherMethods() {
        assertThat(rules.upstreamPath("PUT", "/database/posts/doc", ParsedQuery.EMPTY, List.of("_design/x")))
                .contains("/posts/doc");
    }

    private Optional<String> upstreamPath(String method, String target) {
        String[] parts = target.split("\\?", 2);
        ParsedQuery query = ParsedQuery.parse(parts.length > 1 ? parts[1] : null).orElseThrow();
        return rules.upstreamPath(method, "/database" + parts[0], query, List.of());
    }
}
