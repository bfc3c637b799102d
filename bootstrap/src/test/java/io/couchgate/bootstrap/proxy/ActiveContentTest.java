package io.couchgate.bootstrap.proxy;

import static io.couchgate.bootstrap.proxy.CouchgateStack.bytes;
import static io.couchgate.bootstrap.proxy.CouchgateStack.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 7 against a real CouchDB-compatible server: HTML and SVG attachments reach the client byte for byte as
 * CouchDB serves them, with couchgate's sandbox CSP, {@code X-Frame-Options: DENY} and {@code nosniff}, so they can
 * never run on couchgate's origin; under {@code _design/<x>/} only {@code _view} and {@code _info} reads pass
 * ({@code _show}, {@code _list}, {@code _rewrite}, {@code _update} and design-doc attachments never reach CouchDB);
 * the pages' CSP names the configured {@code couchgate.cors.allowed-origins}.
 */
class ActiveContentTest {

    private static final String SANDBOX = "sandbox; default-src 'none'";
    private static final String FORBIDDEN =
            "{\"error\":\"forbidden\",\"reason\":\"This path cannot be reached through couchgate.\"}";
    private static final byte[] HTML = bytes("<!doctype html><title>x</title>"
            + "<script>fetch('/api/sessions/current').then(r => r.text()).then(alert)</script>\n");
    private static final byte[] SVG = bytes("<svg xmlns=\"http://www.w3.org/2000/svg\" "
            + "onload=\"alert(document.domain)\"><script>alert(sessionStorage.getItem('couchgate.session'))</script>"
            + "</svg>\n");
    private static final String DESIGN = "{\"views\":{\"by-owner\":{\"map\":\"function (doc) { emit(doc.owner); }\"}},"
            + "\"shows\":{\"s\":\"function (doc, req) { return '<script>alert(1)</script>'; }\"},"
            + "\"lists\":{\"l\":\"function (head, req) { send('<script>alert(1)</script>'); }\"},"
            + "\"updates\":{\"u\":\"function (doc, req) { return [null, '<script>alert(1)</script>']; }\"},"
            + "\"rewrites\":[{\"from\":\"/page\",\"to\":\"page.html\"}],"
            + "\"_attachments\":{\"page.html\":{\"content_type\":\"text/html\",\"data\":\""
            + Base64.getEncoder().encodeToString(HTML) + "\"}}}";

    private static CouchgateStack stack;
    private static String alice;

    @BeforeAll
    static void startStack_logInAlice_andStoreADesignDocWithActiveContent() throws Exception {
        stack = CouchgateStack.start(true, Map.of("couchgate.cors.allowed-origins",
                List.of("https://notes.example.org", "http://localhost:5173")));
        alice = stack.signUpAndLogIn("alice");
        RawResponse design = stack.direct("PUT", "/posts/_design/app", json(), bytes(DESIGN));
        assertThat(design.status()).as(design.bodyText()).isEqualTo(201);
    }

    @AfterAll
    static void stopStack() throws Exception {
        stack.close();
    }

    @Test
    void htmlAndSvgAttachments_passByteIdentical_withSandboxFrameDenyAndNosniffFromCouchgate() {
        String rev = created("/database/posts/alice%3Apage");
        rev = attach("/database/posts/alice%3Apage/page.html?rev=" + rev, "text/html", HTML);
        attach("/database/posts/alice%3Apage/logo.svg?rev=" + rev, "image/svg+xml", SVG);

        for (String name : List.of("page.html", "logo.svg")) {
            for (String method : List.of("GET", "HEAD")) {
                RawResponse through = stack.through(method, "/database/posts/alice%3Apage/" + name, alice, Map.of(),
                        null);
                RawResponse direct = stack.direct(method, "/posts/alice%3Apage/" + name, Map.of(), null);

                assertThat(through.status()).as(method + " " + name).isEqualTo(200).isEqualTo(direct.status());
                assertThat(through.body()).isEqualTo(direct.body())
                        .isEqualTo(method.equals("HEAD") ? new byte[0] : name.endsWith(".svg") ? SVG : HTML);
                assertThat(through.headers().get("content-type")).isEqualTo(direct.headers().get("content-type"));
                assertSandboxed(through);
            }
        }
    }

    @ParameterizedTest(name = "Accept: {0}")
    @ValueSource(strings = {"application/json", "multipart/related", "text/html", "*/*"})
    void documentAnswer_isSandboxedExactlyWhenCouchDbAnswersOtherThanJson(String accept) {
        String doc = "/posts/alice%3Aaccept-" + accept.replaceAll("[^a-z]", "");
        String rev = created("/database" + doc);
        attach("/database" + doc + "/page.html?rev=" + rev, "text/html", HTML);
        String target = doc + "?attachments=true";

        RawResponse through = stack.through("GET", "/database" + target, alice, Map.of("Accept", accept), null);
        RawResponse direct = stack.direct("GET", target, Map.of("Accept", accept), null);

        assertThat(through.status()).isEqualTo(200).isEqualTo(direct.status());
        assertThat(through.headers().get("content-type")).isEqualTo(direct.headers().get("content-type"));
        String mediaType = direct.header("content-type").orElse("").split(";")[0].trim();
        System.out.println("Accept " + accept + " -> " + direct.headers().get("content-type"));
        if (mediaType.equals("application/json")) {
            assertThat(through.body()).isEqualTo(direct.body());
            assertThat(through.headers().get("content-security-policy"))
                    .isEqualTo(direct.headers().get("content-security-policy"));
            assertThat(through.headers()).doesNotContainKey("x-frame-options");
            assertThat(through.headers().get("x-content-type-options")).containsExactly("nosniff");
        } else {
            // A multipart answer's boundary is random per answer: compare its length, not its bytes.
            assertThat(through.body()).hasSameSizeAs(direct.body());
            assertSandboxed(through);
        }
    }

    @Test
    void designDocument_itsViewsAndInfo_pass_asCouchDbAnswersThem() {
        for (String target : List.of("/posts/_design/app", "/posts/_design/app/_view/by-owner",
                "/posts/_design/app/_info")) {
            int before = stack.relay().requestCount();

            RawResponse through = stack.through("GET", "/database" + target, alice, json(), null);
            RawResponse direct = stack.direct("GET", target, json(), null);

            assertThat(through.status()).as(target).isEqualTo(direct.status());
            assertThat(stack.relay().requestCount()).as("forwarded to CouchDB").isEqualTo(before + 1);
            if (!target.endsWith("_info")) { // _info reports the index state, which the first view read changes
                assertThat(through.body()).as(target).isEqualTo(direct.body());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/database/posts/_design/app/_show/s", "/database/posts/_design/app/_show/s/alice%3Ax",
        "/database/posts/_design/app/_list/l/by-owner", "/database/posts/_design/app/_rewrite/page",
        "/database/posts/_design/app/_update/u", "/database/posts/_design/app/page.html",
        "/database/posts/_design%2Fapp/page.html", "/database/posts/_design/app%2Fpage.html",
        "/database/posts/_design/app/%5Fshow/s", "/database/posts/_design%2Fapp%2F_list%2Fl%2Fby-owner"})
    void designFunctionsThatRenderAndDesignAttachments_areRefusedWith403_andNeverReachCouchDb(String target) {
        // HEAD is left to SubResourceAllowlistTest: couchgate closes the connection after a HEAD it answers itself,
        // and RawHttp checks a HEAD answer by sending a second request on the same connection.
        for (String method : List.of("GET", "POST")) {
            int before = stack.relay().requestCount();

            RawResponse response = stack.through(method, target, alice, json(), method.equals("POST")
                    ? bytes("{}") : null);

            assertThat(response.status()).as(method + " " + target).isEqualTo(403);
            assertThat(response.bodyText()).isEqualTo(FORBIDDEN);
            assertThat(stack.relay().requestCount()).as("requests that reached CouchDB").isEqualTo(before);
        }
    }

    @Test
    void designAttachment_isThereDirectly_soTheRefusalIsWhatKeepsItAway() {
        RawResponse direct = stack.direct("GET", "/posts/_design/app/page.html", Map.of(), null);

        assertThat(direct.status()).isEqualTo(200);
        assertThat(direct.body()).isEqualTo(HTML);
    }

    @Test
    void pagesPolicy_namesTheConfiguredOriginsInConnectSrc() {
        RawResponse health = RawHttp.send(stack.couchgatePort(), "GET", "/health", Map.of(), null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.headers().get("content-security-policy")).containsExactly("default-src 'self'; "
                + "script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self' https://notes.example.org http://localhost:5173; object-src 'none'; "
                + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    }

    private static void assertSandboxed(RawResponse response) {
        assertThat(response.headers().get("content-security-policy")).containsExactly(SANDBOX);
        assertThat(response.headers().get("x-frame-options")).containsExactly("DENY");
        assertThat(response.headers().get("x-content-type-options")).containsExactly("nosniff");
        assertThat(response.headers()).doesNotContainKey("referrer-policy");
    }

    /** Creates alice's document at {@code target}; returns its rev. */
    private static String created(String target) {
        RawResponse doc = stack.through("PUT", target, alice, json(), bytes("{\"owner\":\"alice\"}"));
        assertThat(doc.status()).as(doc.bodyText()).isEqualTo(201);
        return (String) stack.parse(doc.bodyText()).get("rev");
    }

    /** Stores an attachment through couchgate; returns the document's new rev. */
    private static String attach(String target, String contentType, byte[] content) {
        RawResponse stored = stack.through("PUT", target, alice, Map.of("Content-Type", contentType), content);
        assertThat(stored.status()).as(stored.bodyText()).isEqualTo(201);
        return (String) stack.parse(stored.bodyText()).get("rev");
    }
}
