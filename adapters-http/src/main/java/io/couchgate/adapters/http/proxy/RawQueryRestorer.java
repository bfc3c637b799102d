package io.couchgate.adapters.http.proxy;

import io.micronaut.http.client.netty.NettyClientCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;

/**
 * On the connections of the proxy's HTTP clients ({@link CouchDbProxyClients}), just above the HTTP codec (of the
 * connection for HTTP/1.1, of the stream for HTTP/2): every request on its way to CouchDB goes through
 * {@link RawQueryMarker#restore}, so the marker is taken off and the client's raw query put back where it may be.
 * Stateless; one instance serves every connection.
 */
@ChannelHandler.Sharable
final class RawQueryRestorer extends ChannelOutboundHandlerAdapter {

    private static final String NAME = "couchgate-raw-query";
    private static final RawQueryRestorer INSTANCE = new RawQueryRestorer();

    private RawQueryRestorer() {
    }

    /** @return the customizer that installs the restorer on each connection (or HTTP/2 stream) a client opens */
    static NettyClientCustomizer customizer() {
        return new Installer(null);
    }

    @Override
    public void write(ChannelHandlerContext context, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpRequest request) {
            RawQueryMarker.restore(request);
        }
        context.write(msg, promise);
    }

    /**
     * Installs the restorer after the channel's HTTP codec once its pipeline is built (once per channel: a pooled
     * HTTP/1.1 connection keeps it across requests).
     */
    private record Installer(Channel channel) implements NettyClientCustomizer {

        @Override
        public NettyClientCustomizer specializeForChannel(Channel next, ChannelRole role) {
            return new Installer(next);
        }

        @Override
        public void onStreamPipelineBuilt() {
            install();
        }

        @Override
        public void onRequestPipelineBuilt() {
            install();
        }

        private void install() {
            if (channel == null) {
                return;
            }
            ChannelPipeline pipeline = channel.pipeline();
            ChannelHandlerContext codec = pipeline.context(HttpClientCodec.class);
            if (codec == null) {
                codec = pipeline.context(Http2StreamFrameToHttpObjectCodec.class);
            }
            if (codec != null && pipeline.get(NAME) == null) {
                pipeline.addAfter(codec.name(), NAME, INSTANCE);
            }
        }
    }
}
