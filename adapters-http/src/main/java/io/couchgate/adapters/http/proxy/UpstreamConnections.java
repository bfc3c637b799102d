package io.couchgate.adapters.http.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AsciiString;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * The relay's connections to CouchDB: opened on the event loop of the client connection they serve (so a relayed
 * exchange runs on one thread, without locks or hand-overs), kept alive and pooled per event loop, closed after
 * {@link #IDLE_MILLIS} unused (before a server's keep-alive timeout, 5 s on the dev server, can close one as a request
 * goes out). One sweep per event loop, every {@link #SWEEP_MILLIS} while its pool holds a connection, closes those
 * unused too long (so the idle time is at most {@code IDLE_MILLIS + SWEEP_MILLIS}); a connection taken from the pool is
 * checked against {@code IDLE_MILLIS} exactly. No timer is set per exchange. TLS when CouchDB's URL is
 * {@code https}: the trust of {@link CouchDbTlsTrust} (else the JVM's), host
 * name checked (RFC 9110, section 4.3.4). Every connection has an {@link HttpClientCodec} and, last, an
 * {@link UpstreamHandler}.
 */
final class UpstreamConnections {

    /** How long a pooled connection may stay unused, in milliseconds. */
    static final long IDLE_MILLIS = 4_000;
    /** How often an event loop's pool is swept while it holds a connection, in milliseconds. */
    static final long SWEEP_MILLIS = 500;
    /**
     * The largest read from CouchDB and the largest body piece the codec hands on (a slice of that read, not a copy),
     * in bytes: a large download takes a quarter as many reads, flushes and event-loop turns as with Netty's 64 KiB.
     */
    static final int MAX_READ_BYTES = 256 * 1024;
    /** Pending bytes towards CouchDB past which its connection stops being writable (and the client is not read). */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);
    /** At most this many unused connections are kept per event loop. */
    private static final int MAX_IDLE_PER_LOOP = 64;
    private static final AttributeKey<Long> RELEASED = AttributeKey.valueOf("couchgate-relay-released");

    private final URI couchDb;
    private final String host;
    private final int port;
    private final AsciiString hostHeader;
    private final int connectTimeoutMillis;
    private final SslContext ssl;
    private final Map<EventLoop, Deque<Channel>> idle = new ConcurrentHashMap<>();
    /** The event loops whose sweep is scheduled; touched on each loop's own thread only (one entry per loop). */
    private final Map<EventLoop, Boolean> sweeping = new ConcurrentHashMap<>();

    /**
     * @param settings CouchDB's URL and the connect timeout
     * @param trust whom to trust over TLS, or empty for the JVM trust store
     */
    UpstreamConnections(DatabaseProxySettings settings, Optional<CouchDbTlsTrust> trust) {
        this.couchDb = settings.couchDbUrl();
        this.host = couchDb.getHost();
        this.hostHeader = new AsciiString(couchDb.getRawAuthority());
        boolean https = "https".equalsIgnoreCase(couchDb.getScheme());
        this.port = couchDb.getPort() >= 0 ? couchDb.getPort() : https ? 443 : 80;
        this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis());
        this.ssl = https ? trust.map(CouchDbTlsTrust::context).orElseGet(UpstreamConnections::jvmTrust) : null;
    }

    private static SslContext jvmTrust() {
        try {
            return SslContextBuilder.forClient().build();
        } catch (SSLException e) {
            throw new IllegalStateException("No TLS client context for CouchDB", e);
        }
    }

    /** @return the {@code Host} header value for CouchDB (its URL's authority) */
    AsciiString hostHeader() {
        return hostHeader;
    }

    /**
     * @param client the client connection the upstream one will serve (its event loop and transport are used)
     * @return a connected (and TLS-established) connection, idle ones first; {@link Pooled#reused} tells which
     */
    Future<Pooled> acquire(Channel client) {
        return acquire(client, true);
    }

    /**
     * @param client the client connection the upstream one will serve
     * @param pooled whether an idle connection may be taken (false: always a new one)
     * @return as {@link #acquire(Channel)}
     */
    Future<Pooled> acquire(Channel client, boolean pooled) {
        EventLoop loop = client.eventLoop();
        Promise<Pooled> promise = loop.newPromise();
        Deque<Channel> free = pooled ? idle.get(loop) : null;
        long now = System.nanoTime();
        while (free != null && !free.isEmpty()) {
            Channel channel = free.pollFirst();
            Long released = channel.attr(RELEASED).getAndSet(null);
            if (channel.isActive() && released != null
                    && now - released < TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS)) {
                return promise.setSuccess(new Pooled(channel, true));
            }
            channel.close();
        }
        connect(client, promise);
        return promise;
    }

    private void connect(Channel client, Promise<Pooled> promise) {
        ChannelFuture connected = new Bootstrap().group(client.eventLoop()).channel(client.getClass().asSubclass(
                        Channel.class))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                // Off until an exchange uses the connection (SslHandler reads its handshake by itself).
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(64, 2048, MAX_READ_BYTES))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        ChannelPipeline pipeline = channel.pipeline();
                        if (ssl != null) {
                            pipeline.addLast("ssl", sslHandler(channel));
                        }
                        pipeline.addLast("codec", new HttpClientCodec(8192, 65536, MAX_READ_BYTES));
                        pipeline.addLast("relay", new UpstreamHandler());
                    }
                })
                .connect(host, port);
        connected.addListener(done -> {
            if (!done.isSuccess()) {
                promise.tryFailure(done.cause());
                return;
            }
            Channel channel = connected.channel();
            channel.closeFuture().addListener(closed -> channel.eventLoop().execute(() -> {
                Deque<Channel> free = idle.get(channel.eventLoop());
                if (free != null) {
                    free.remove(channel);
                }
            }));
            SslHandler tls = channel.pipeline().get(SslHandler.class);
            if (tls == null) {
                promise.trySuccess(new Pooled(channel, false));
                return;
            }
            tls.handshakeFuture().addListener(handshake -> {
                if (handshake.isSuccess()) {
                    promise.trySuccess(new Pooled(channel, false));
                } else {
                    channel.close();
                    promise.tryFailure(handshake.cause());
                }
            });
        });
    }

    private SslHandler sslHandler(Channel channel) {
        SslHandler handler = ssl.newHandler(channel.alloc(), host, port);
        SSLParameters parameters = handler.engine().getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        handler.engine().setSSLParameters(parameters);
        handler.setHandshakeTimeoutMillis(connectTimeoutMillis);
        return handler;
    }

    /**
     * Puts a connection whose last exchange ended cleanly back into its event loop's pool; it is closed when the
     * pool is full, and by itself after {@link #IDLE_MILLIS} unused.
     *
     * @param channel a connection from {@link #acquire}, its exchange over (request sent, response read)
     */
    void release(Channel channel) {
        channel.pipeline().get(UpstreamHandler.class).detach();
        Deque<Channel> free = idle.computeIfAbsent(channel.eventLoop(), loop -> new ArrayDeque<>());
        if (!channel.isActive() || free.size() >= MAX_IDLE_PER_LOOP) {
            channel.close();
            return;
        }
        channel.attr(RELEASED).set(System.nanoTime());
        free.addFirst(channel);
        if (sweeping.putIfAbsent(channel.eventLoop(), Boolean.TRUE) == null) {
            scheduleSweep(channel.eventLoop(), free);
        }
        // Reads on by itself while pooled: a close, or anything CouchDB sends unasked, is seen at once.
        channel.config().setAutoRead(true);
    }

    private void scheduleSweep(EventLoop loop, Deque<Channel> free) {
        loop.schedule(() -> sweep(loop, free), SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Closes the connections of one loop's pool unused for {@link #IDLE_MILLIS} (the oldest are last). */
    private void sweep(EventLoop loop, Deque<Channel> free) {
        long now = System.nanoTime();
        long idleNanos = TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS);
        while (!free.isEmpty()) {
            Long released = free.peekLast().attr(RELEASED).get();
            if (released != null && now - released < idleNanos) {
                break;
            }
            Channel stale = free.pollLast();
            stale.attr(RELEASED).set(null);
            stale.close();
        }
        if (free.isEmpty()) {
            sweeping.remove(loop);
        } else {
            scheduleSweep(loop, free);
        }
    }

    /** Closes every pooled connection (at shut-down). */
    void close() {
        idle.forEach((loop, channels) -> loop.execute(() -> {
            channels.forEach(Channel::close);
            channels.clear();
        }));
    }

    /**
     * @param channel a connected connection to CouchDB
     * @param reused whether it served an earlier exchange (CouchDB may have closed it just as this one began)
     */
    record Pooled(Channel channel, boolean reused) {
    }
}
