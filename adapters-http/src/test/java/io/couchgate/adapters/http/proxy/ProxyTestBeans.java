package io.couchgate.adapters.http.proxy;

import io.couchgate.application.port.in.DropVanishedSessionUseCase;
import io.couchgate.application.port.in.ResolveDatabaseCredentialsUseCase;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.Set;

/** The beans bootstrap provides in production, here from {@code test.proxy.*} properties and a fake use case. */
@Factory
@Requires(property = ProxyTestBeans.URL)
class ProxyTestBeans {

    static final String URL = "test.proxy.couchdb-url";
    static final String READ_TIMEOUT = "test.proxy.read-timeout";
    static final String DATABASES = "test.proxy.databases";
    /** When set, the proxy resolves tokens and drops vanished sessions with the real services of the test wiring. */
    static final String REAL_SESSIONS = "test.proxy.real-sessions";

    @Singleton
    DatabaseProxySettings settings(@Property(name = URL) String url,
                                   @Property(name = READ_TIMEOUT, defaultValue = "10s") Duration readTimeout,
                                   @Property(name = DATABASES, defaultValue = "posts,my$db") Set<String> databases) {
        return new DatabaseProxySettings(URI.create(url), databases, Duration.ofSeconds(2), readTimeout);
    }

    @Singleton
    @Primary
    @Requires(missingProperty = REAL_SESSIONS)
    ResolveDatabaseCredentialsUseCase sessions() {
        return new FakeSessions();
    }

    @Singleton
    @Primary
    @Requires(missingProperty = REAL_SESSIONS)
    DropVanishedSessionUseCase vanished(NettySessionStreams streams) {
        return new FakeVanishedSessions(streams);
    }
}
