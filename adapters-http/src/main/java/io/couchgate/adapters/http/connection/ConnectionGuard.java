package io.couchgate.adapters.http.connection;

import io.couchgate.adapters.http.proxy.DatabaseRefusalAudit;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpVersion;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers itself with Micronaut's Netty server and puts a {@link HeadReadGuard} on every HTTP/1.1 connection of
 * every listener (plain and TLS): {@link RawBytesHandler} just below the {@code http-server-codec} (so after the TLS
 * handler) and {@link HttpMessagesHandler} just above it. The limits come from the {@link ConnectionLimits} bean, or
 * are the defaults when there is none.
 *
 * <p>HTTP/2 ({@code micronaut.server.http-version: 2.0}) has no such codec; its connections are not guarded, and a
 * warning says so at start. couchgate itself never runs so: its {@code /database} proxy refuses to start under HTTP/2.
 */
@Singleton
final class ConnectionGuard implements NettyServerCustomizer, BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
    private static final String BYTES_HANDLER = "couchgate-head-read-bytes";
    private static final String MESSAGES_HANDLER = "couchgate-head-read-messages";

    private final ConnectionLimits limits;
    private final AddressSlots slots;
    private final DatabaseRefusalAudit refusals;

    /**
     * @param limits the limits, or null for {@link ConnectionLimits#defaults()}
     * @param server the server's configuration (only its HTTP version is read)
     * @param refusals audits refused {@code /database} heads; empty when there is no proxy
     */
    ConnectionGuard(@Nullable ConnectionLimits limits, NettyHttpServerConfiguration server,
                    Optional<DatabaseRefusalAudit> refusals) {
        this.refusals = refusals.orElse(null);
        this.limits = limits != null ? limits : ConnectionLimits.defaults();
        this.slots = new AddressSlots(this.limits.maxUnauthenticatedPerAddress());
        if (server.getHttpVersion() == HttpVersion.HTTP_2_0) {
            LOG.warn("micronaut.server.http-version is 2.0: HTTP/2 connections get no header-read timeout and no "
                    + "cap on unauthenticated connections");
        }
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(this);
        return event.getBean();
    }

    @Override
    public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
        return role == ChannelRole.CONNECTION ? new Connection(channel) : this;
    }

    /** @return the per-address count of unauthenticated connections (for tests) */
    AddressSlots slots() {
        return slots;
    }

    /** One accepted connection: its handlers go in once the HTTP/1.1 pipeline exists. */
    private final class Connection implements NettyServerCustomizer {

        private final Channel channel;

        Connection(Channel channel) {
            this.channel = channel;
        }

        @Override
        public void onStreamPipelineBuilt() {
            ChannelPipeline pipeline = channel.pipeline();
            String codec = ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC;
            if (pipeline.get(codec) == null || pipeline.get(BYTES_HANDLER) != null) {
                return;
            }
            HeadReadGuard guard = new HeadReadGuard(limits, slots);
            pipeline.addAfter(codec, MESSAGES_HANDLER, new HttpMessagesHandler(guard, refusals));
            pipeline.addBefore(codec, BYTES_HANDLER, new RawBytesHandler(guard));
        }
    }
}
