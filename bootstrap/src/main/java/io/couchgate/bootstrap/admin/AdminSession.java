package io.couchgate.bootstrap.admin;

import io.micronaut.context.ApplicationContext;
import java.util.Map;

/**
 * The admin CLI's application context, started at the first command that needs CouchDB (so that usage errors and
 * help never touch it), in the {@link AdminEnvironment#NAME} environment: the server's configuration and adapters,
 * without its HTTP server, provisioning, reaper or sessions feed.
 */
final class AdminSession implements AutoCloseable {

    private final Map<String, Object> properties;
    private ApplicationContext context;

    /** @param properties configuration put over the environment's (tests); may be empty */
    AdminSession(Map<String, Object> properties) {
        this.properties = Map.copyOf(properties);
    }

    /**
     * @param type a bean type, e.g. {@code AdminAccountsService}
     * @param <T> the type
     * @return the bean, the context started on first use
     */
    <T> T bean(Class<T> type) {
        if (context == null) {
            context = ApplicationContext.builder().environments(AdminEnvironment.NAME).properties(properties)
                    .start();
        }
        return context.getBean(type);
    }

    @Override
    public void close() {
        if (context != null && context.isRunning()) {
            context.close();
        }
    }
}
