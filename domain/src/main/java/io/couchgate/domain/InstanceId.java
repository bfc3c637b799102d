package io.couchgate.domain;

import java.util.Objects;
import java.util.UUID;

/**
 * This run of couchgate: a random UUID made at each start and held in memory only. Tokens and session users of
 * another instance are stale.
 *
 * @param value the UUID
 */
public record InstanceId(UUID value) {

    /** @throws NullPointerException if {@code value} is null */
    public InstanceId {
        Objects.requireNonNull(value, "value");
    }

    /** @return a new random (version 4) instance id */
    public static InstanceId random() {
        return new InstanceId(UUID.randomUUID());
    }

    /**
     * @param text a UUID in its canonical 36-character form
     * @return the instance id
     * @throws IllegalArgumentException if {@code text} is not a UUID
     */
    public static InstanceId parse(String text) {
        return new InstanceId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
