package io.couchgate.adapters.http.testing;

import io.couchgate.adapters.http.token.JwtTokenService;
import io.couchgate.domain.InstanceId;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Wires the HTTP adapter to fakes, as bootstrap wires it to the real application. */
@Factory
@Requires(env = "test")
public class TestWiring {

    /** The HS256 key of the test server's tokens (32 bytes). */
    public static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** The test server's instance id. */
    public static final InstanceId INSTANCE = new InstanceId(UUID.fromString("6f1c7a52-3b7e-4c55-9a55-0c9e8d7b1a01"));
    /** When the test clock starts. */
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Singleton
    MutableClock clock() {
        return new MutableClock(START);
    }

    @Singleton
    JwtTokenService tokenService(MutableClock clock) {
        return new JwtTokenService(SECRET, INSTANCE, clock);
    }

    @Singleton
    FakeAccounts accounts(JwtTokenService tokens, MutableClock clock) {
        return new FakeAccounts(tokens, INSTANCE, clock);
    }
}
