package io.couchgate.adapters.http.proxy;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The user event that {@link NettySessionStreams#endFeeds()} fires on a connection at a graceful stop, and what a
 * long-lived {@code _changes} feed's client gets then (docs.couchdb.org api/database/changes.html): a continuous or
 * eventsource feed ends after its last whole line, a longpoll feed with {@code {"results":[],"last_seq":<since>}}
 * (no change since where the client asked from, so it resumes there). Either ends with the chunked terminator, and
 * with {@code Connection: close} when couchgate writes the head itself (CouchDB had not answered yet).
 */
final class FeedEnd {

    /** The event. */
    static final FeedEnd INSTANCE = new FeedEnd();

    /** How CouchDB opens a longpoll answer, blanks left out. */
    static final String RESULTS_OPENING = "{\"results\":[";

    private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,18}");

    private FeedEnd() {
    }

    /**
     * @param target a request target as received, e.g. {@code /database/posts/_changes?feed=longpoll&since=5}
     * @return whether it asks {@code _changes} for a feed that stays open
     */
    static boolean isLongLivedFeed(String target) {
        int mark = target.indexOf('?');
        if (mark < 0 || !DatabasePathRules.isChanges(target.substring(0, mark))) {
            return false;
        }
        return ParsedQuery.parse(target.substring(mark + 1)).map(ParsedQuery::asksForLongLivedFeed).orElse(false);
    }

    /**
     * @param target a request target as received
     * @return whether it asks {@code _changes} for a longpoll feed (whose body so far a connection then watches)
     */
    static boolean isLongpoll(String target) {
        int mark = target.indexOf('?');
        return mark >= 0 && target.indexOf("_changes") >= 0 && isLongLivedFeed(target)
                && ParsedQuery.parse(target.substring(mark + 1)).orElseThrow().values("feed").contains("longpoll");
    }

    /**
     * What makes a longpoll answer whole. CouchDB opens it with {@code {"results":[} and heartbeat newlines, and
     * writes the results and {@code last_seq} only when it ends; so an answer with nothing more than that opening is
     * completed with no result, and one whose results have begun is left as it is (only the terminator follows).
     *
     * @param target a long-lived feed's request target
     * @param sentSoFar what of the answer's body has been sent, blanks left out; null when more than the opening
     * @return the body to write before the terminator: a longpoll's completion, or empty for the other feeds
     */
    static Optional<HttpContent> closingBody(String target, String sentSoFar) {
        if (!isLongpoll(target) || sentSoFar == null) {
            return Optional.empty();
        }
        String lastSeq = lastSeq(target);
        String rest;
        if (sentSoFar.isEmpty()) {
            rest = "{\"results\":[],\"last_seq\":" + lastSeq + "}\n";
        } else if (sentSoFar.equals(RESULTS_OPENING)) {
            rest = "\n],\n\"last_seq\":" + lastSeq + "}\n";
        } else {
            return Optional.empty();
        }
        return Optional.of(new DefaultHttpContent(Unpooled.copiedBuffer(rest, StandardCharsets.UTF_8)));
    }

    private static String lastSeq(String target) {
        List<String> since = ParsedQuery.parse(target.substring(target.indexOf('?') + 1)).orElseThrow()
                .values("since");
        return since.isEmpty() ? "0" : jsonValue(since.get(since.size() - 1));
    }

    /** @return the head couchgate writes for a feed CouchDB had not answered yet: 200, chunked JSON, then close */
    static HttpResponse head() {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED)
                .set(HttpHeaderNames.CACHE_CONTROL, "must-revalidate")
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set("X-Content-Type-Options", "nosniff");
        return response;
    }

    /** A sequence as CouchDB writes it: a number (CouchDB 1.x, the dev server) or a JSON string. */
    private static String jsonValue(String since) {
        if (NUMBER.matcher(since).matches()) {
            return since;
        }
        StringBuilder json = new StringBuilder("\"");
        for (char c : since.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }
}
