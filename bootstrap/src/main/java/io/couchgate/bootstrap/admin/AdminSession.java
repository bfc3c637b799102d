package io.couchgate.bootstrap.admin;

import io.couchgate.adapters.http.audit.AuditLog;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.util.Map;

/**
 * The admin CLI's application context, started at the first command that needs CouchDB (so that usage errors and
 * help never touch it), in the {@link AdminEnvironment#NAME} environment: the server's configuration and adapters,
 * without its HTTP server, provisioning, reaper or sessions feed.
 */
final class AdminSession implements AutoCloseable {

    private final Map<String, Object> properties;
    private ApplicationContext context;
    private RuntimeException startFailure;

    /** @param properties configuration put over the environment's (tests); may be empty */
    AdminSession(Map<String, Object> properties) {
        this.properties = Map.copyOf(properties);
    }

    /**
     * @param type a bean type, e.g. {@code AdminAccountsService}
     * @param <T> the type
     * @return the bean, the context started on first use
     * @throws RuntimeException what starting the context threw (again at each call), or what making the bean threw
     */
    <T> T bean(Class<T> type) {
        if (context == null) {
            context = ApplicationContext.builder().environments(AdminEnvironment.NAME).properties(properties)
                    .build();
            try {
                context.start();
            } catch (RuntimeException e) {
                startFailure = e;
            }
        }
        if (startFailure != null) {
            throw startFailure;
        }
        return context.getBean(type);
    }

    /**
     * The audit log, also when the context cannot start (no secrets, CouchDB refusing at start, ...): then one of its
     * own, in the configured {@value AuditLog#FORMAT_KEY} if the configuration could be read and names a format,
     * else {@code text}.
     *
     * @return where the command's audit entry goes
     */
    AuditLog auditLog() {
        try {
            return bean(AuditLog.class);
        } catch (RuntimeException e) {
            JsonMapper mapper = JsonMapper.createDefault();
            try {
                return AuditLog.withFormat(configuredFormat(), mapper);
            } catch (IllegalArgumentException invalidFormat) {
                return AuditLog.withFormat("text", mapper);
            }
        }
    }

    private String configuredFormat() {
        try {
            return context.getEnvironment().getProperty(AuditLog.FORMAT_KEY, String.class).orElse("text");
        } catch (RuntimeException e) { // the configuration could not be read
            return "text";
        }
    }

    @Override
    public void close() {
        if (context != null && context.isRunning()) {
            context.close();
        }
    }
}
