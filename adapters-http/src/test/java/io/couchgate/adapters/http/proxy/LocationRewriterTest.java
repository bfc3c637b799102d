package io.couchgate.adapters.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class LocationRewriterTest {

    private final LocationRewriter atRoot = new LocationRewriter(URI.create("http://127.0.0.1:5984"));
    private final LocationRewriter withPrefix = new LocationRewriter(URI.create("https://db.example/couch/"));

    @Test
    void locationAtCouchDb_movesUnderDatabase_keepingRawPathAndQuery() {
        assertThat(atRoot.rewrite("http://127.0.0.1:5984/posts/a%2Fb?rev=1-x")).isEqualTo("/database/posts/a%2Fb?rev=1-x");
        assertThat(atRoot.rewrite("HTTP://127.0.0.1:5984/posts/%C3%A9")).isEqualTo("/database/posts/%C3%A9");
        assertThat(atRoot.rewrite("http://127.0.0.1:5984")).isEqualTo("/database/");
    }

    @Test
    void locationUnderAPathPrefix_dropsThePrefix() {
        assertThat(withPrefix.rewrite("https://db.example/couch/posts/doc")).isEqualTo("/database/posts/doc");
        assertThat(withPrefix.rewrite("https://DB.example:443/couch/posts/doc")).isEqualTo("/database/posts/doc");
        assertThat(withPrefix.rewrite("/couch/posts/doc")).isEqualTo("/database/posts/doc");
    }

    @Test
    void locationElsewhere_isLeftAlone() {
        assertThat(atRoot.rewrite("http://127.0.0.1:5985/posts/doc")).isEqualTo("http://127.0.0.1:5985/posts/doc");
        assertThat(atRoot.rewrite("https://127.0.0.1:5984/posts/doc")).isEqualTo("https://127.0.0.1:5984/posts/doc");
        assertThat(atRoot.rewrite("http://evil.example/posts")).isEqualTo("http://evil.example/posts");
        assertThat(withPrefix.rewrite("https://db.example/other/doc")).isEqualTo("https://db.example/other/doc");
        assertThat(withPrefix.rewrite("https://db.example/couchx/doc")).isEqualTo("https://db.example/couchx/doc");
        assertThat(atRoot.rewrite("//127.0.0.1:5984/posts")).isEqualTo("//127.0.0.1:5984/posts");
        assertThat(atRoot.rewrite("not a uri")).isEqualTo("not a uri");
        assertThat(withPrefix.rewrite("https://db.example:0/couch/doc")).isEqualTo("https://db.example:0/couch/doc");
        assertThat(withPrefix.rewrite("https://db.example:80/couch/doc")).isEqualTo("https://db.example:80/couch/doc");
    }
}
