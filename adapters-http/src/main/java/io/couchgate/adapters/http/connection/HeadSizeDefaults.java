package io.couchgate.adapters.http.connection;

import io.micronaut.context.env.Environment;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import jakarta.inject.Singleton;

/**
 * couchgate's own defaults for the size of a request head, in place of Netty's 4 KiB request line and 8 KiB headers:
 * CouchDB 3 accepts request lines of about 8 KiB (long doc ids, {@code keys=[...]} queries), so couchgate must not
 * refuse what CouchDB would answer. A value set in the configuration ({@code micronaut.server.netty.
 * max-initial-line-length}, {@code max-header-size}) is kept as it is. Past the limits the connection layer answers
 * 414 or 431 itself ({@link RequestRefusal}).
 */
@Singleton
final class HeadSizeDefaults implements BeanCreatedEventListener<NettyHttpServerConfiguration> {

    /** Longest request line (method, target, version) by default: 16 KiB, twice what CouchDB accepts. */
    static final int MAX_REQUEST_LINE = 16 * 1024;
    /** Largest header section (every header line together) by default: 64 KiB. */
    static final int MAX_HEADERS = 64 * 1024;
    static final String REQUEST_LINE_KEY = "micronaut.server.netty.max-initial-line-length";
    static final String HEADERS_KEY = "micronaut.server.netty.max-header-size";

    private final Environment environment;

    /** @param environment where a configured limit would be found */
    HeadSizeDefaults(Environment environment) {
        this.environment = environment;
    }

    @Override
    public NettyHttpServerConfiguration onCreated(BeanCreatedEvent<NettyHttpServerConfiguration> event) {
        NettyHttpServerConfiguration server = event.getBean();
        if (!environment.containsProperty(REQUEST_LINE_KEY)) {
            server.setMaxInitialLineLength(MAX_REQUEST_LINE);
        }
        if (!environment.containsProperty(HEADERS_KEY)) {
            server.setMaxHeaderSize(MAX_HEADERS);
        }
        return server;
    }
}
