package io.couchgate.adapters.http.proxy;

import io.couchgate.adapters.http.security.CorsPolicy;
import io.couchgate.application.port.in.DropVanishedSessionUseCase;
import io.couchgate.application.port.in.ResolveDatabaseCredentialsUseCase;
import io.couchgate.application.port.out.Metrics;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Puts a {@link DatabaseRelayHandler} on every HTTP/1.1 connection, just above the HTTP codec (and above
 * couchgate's head-read guard when it is there, so the guard sees relayed exchanges too), so that the plain
 * {@code /database} requests ({@link RelayAdmission}) are relayed to CouchDB at the Netty level: CouchDB's own
 * framing, the raw request target byte for byte, aborts that reach CouchDB at once, and a fraction of the cost of
 * Micronaut's proxy client. Everything else still goes through Micronaut and {@link DatabaseProxyFilter}. HTTP/2
 * connections have no such codec and are left alone.
 */
@Singleton
@Requires(beans = DatabaseProxySettings.class)
final class DatabaseRelay implements NettyServerCustomizer, BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    /** The relay handler's name in the pipeline. */
    static final String HANDLER = "couchgate-database-relay";
    /** {@code ConnectionGuard}'s handler above the codec, when it is there. */
    private static final String HEAD_READ_MESSAGES = "couchgate-head-read-messages";

    private final RelayAdmission admission;
    private final RelayServices services;

    /**
     * @param settings CouchDB's URL, the app databases and the timeouts
     * @param sessions resolves bearer tokens
     * @param vanished drops sessions whose CouchDB user vanished
     * @param streams the open streams per session
     * @param cors the CORS policy
     * @param server the server's configuration (its request size limit is read)
     * @param trust TLS trust towards CouchDB, when configured
     * @param refusals audits couchgate's own refusals
     * @param stop the proxy's part of a graceful stop
     * @param metrics where relayed answers are reported
     */
    DatabaseRelay(DatabaseProxySettings settings, ResolveDatabaseCredentialsUseCase sessions,
                  DropVanishedSessionUseCase vanished, NettySessionStreams streams, CorsPolicy cors,
                  NettyHttpServerConfiguration server, Optional<CouchDbTlsTrust> trust, DatabaseRefusalAudit refusals,
                  GracefulStop stop, Metrics metrics) {
        long maxRequestSize = server.getMaxRequestSize();
        this.admission = new RelayAdmission(sessions, new DatabasePathRules(settings.databases()), maxRequestSize);
        String path = settings.couchDbUrl().getRawPath() == null ? "" : settings.couchDbUrl().getRawPath();
        String basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.services = new RelayServices(new UpstreamConnections(settings, trust), basePath,
                new LocationRewriter(settings.couchDbUrl()), cors, sessions, vanished, streams,
                settings.readTimeout(), maxRequestSize, refusals, stop, metrics);
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

    @PreDestroy
    void close() {
        services.connections().close();
    }

    /** One accepted connection: the relay goes in once the HTTP/1.1 pipeline exists. */
    private final class Connection implements NettyServerCustomizer {

        private final Channel channel;

        Connection(Channel channel) {
            this.channel = channel;
        }

        @Override
        public void onStreamPipelineBuilt() {
            ChannelPipeline pipeline = channel.pipeline();
            String codec = ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC;
            if (pipeline.get(codec) == null || pipeline.get(HANDLER) != null) {
                return;
            }
            // Netty's default marks (32 KiB/64 KiB) would pause CouchDB's reading after every read of a download.
            channel.config().setWriteBufferWaterMark(UpstreamConnections.WATER_MARK);
            String below = pipeline.get(HEAD_READ_MESSAGES) != null ? HEAD_READ_MESSAGES : codec;
            pipeline.addAfter(below, HANDLER, new DatabaseRelayHandler(admission, services));
        }
    }
}
