package io.couchgate.adapters.http.audit;

import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * couchgate's audit log: one INFO line per security-relevant event on the logger {@value #LOGGER} (route it with
 * logback like any other logger). {@code couchgate.audit.format} chooses the line: {@code text} (the default,
 * {@code event=login outcome=ok user=alice client=127.0.0.1}) or {@code json} (one JSON object per line, the same
 * fields). Each entry names the event, its outcome, the username when one is known and the client's address (see
 * {@code ClientAddress}); never a password, token, session id or CouchDB credential: callers pass only these
 * fields, and {@link #record} takes nothing else.
 */
@Singleton
public final class AuditLog {

    /** The logger's name. */
    public static final String LOGGER = "couchgate.audit";
    /** The configuration key that chooses the lines' format. */
    public static final String FORMAT_KEY = "couchgate.audit.format";
    /** The request attribute that holds the username an {@code /api} request acted for, once known. */
    public static final String USER_ATTRIBUTE = "couchgate.audit.user";

    /** The longest path an entry carries, in characters; a longer one is cut and ends with {@code ...}. */
    public static final int MAX_PATH = 200;

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final boolean json;
    private final JsonMapper mapper;

    /**
     * @param format {@code text} or {@code json}, in any case
     * @param mapper writes the JSON lines
     * @throws IllegalArgumentException for another format, naming the key
     */
    AuditLog(@Value("${" + FORMAT_KEY + ":text}") String format, JsonMapper mapper) {
        String chosen = format.trim().toLowerCase(Locale.ROOT);
        if (!chosen.equals("text") && !chosen.equals("json")) {
            throw new IllegalArgumentException(FORMAT_KEY + " must be text or json, was '" + format + "'");
        }
        this.json = chosen.equals("json");
        this.mapper = mapper;
    }

    /**
     * An audit log made without an application context, for a program whose context could not start (the admin
     * CLI's failure to start is still an entry).
     *
     * @param format {@code text} or {@code json}, in any case
     * @param mapper writes the JSON lines
     * @return the audit log
     * @throws IllegalArgumentException for another format, naming the key
     */
    public static AuditLog withFormat(String format, JsonMapper mapper) {
        return new AuditLog(format, mapper);
    }

    /**
     * @param event what happened: {@code signup}, {@code login}, {@code logout}, {@code logout-everywhere},
     *     {@code password-change}, {@code account-deletion}, {@code database-refused}
     * @param outcome {@code ok}, or why not: {@code failed}, {@code throttled}, {@code refused}, {@code busy},
     *     {@code unavailable}, ...
     * @param user the username, or null when none is known (an unauthenticated request)
     * @param client the client's IP address
     * @param detail more words, e.g. the problem type or the HTTP status; null for none
     */
    public void record(String event, String outcome, String user, String client, String detail) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("event", event);
        fields.put("outcome", outcome);
        if (user != null) {
            fields.put("user", user);
        }
        fields.put("client", client);
        if (detail != null) {
            fields.put("detail", detail);
        }
        LOG.info(json ? asJson(fields) : asText(fields));
    }

    /**
     * One {@code database-refused} entry: a {@code /database} request that couchgate answered itself with a refusal
     * (401, 403, 400, 404, 413, 414, 431, ...), CouchDB's own refusals aside. The path goes without its query
     * string (where tokens or keys could be), at most {@value #MAX_PATH} characters of it.
     *
     * @param user the session's username, or null when no session is known
     * @param client the client's IP address
     * @param status the status answered
     * @param method the request method
     * @param target the request target as received (or its path), query included or not
     */
    public void recordDatabaseRefusal(String user, String client, int status, String method, String target) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("event", "database-refused");
        fields.put("outcome", "refused");
        if (user != null) {
            fields.put("user", user);
        }
        fields.put("client", client);
        fields.put("status", Integer.toString(status));
        fields.put("method", method);
        fields.put("path", path.length() > MAX_PATH ? path.substring(0, MAX_PATH) + "..." : path);
        LOG.info(json ? asJson(fields) : asText(fields));
    }

    private String asJson(Map<String, String> fields) {
        try {
            return mapper.writeValueAsString(fields);
        } catch (IOException e) {
            return asText(fields);
        }
    }

    /** {@code key=value}, a value with a blank, a quote or a control character quoted with JSON's escapes. */
    private String asText(Map<String, String> fields) {
        StringBuilder line = new StringBuilder();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(field.getKey()).append('=');
            String value = field.getValue();
            if (value.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '=' || c == 0x7f)) {
                try {
                    line.append(mapper.writeValueAsString(value));
                } catch (IOException e) {
                    line.append('?');
                }
            } else {
                line.append(value);
            }
        }
        return line.toString();
    }
}
