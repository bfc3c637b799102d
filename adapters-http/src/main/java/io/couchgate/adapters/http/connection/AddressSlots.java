package io.couchgate.adapters.http.connection;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counts the unauthenticated connections of each client address, up to a cap. Shared by every connection (and so
 * every event loop); an address is forgotten when its count drops to zero, so the map holds only addresses with a
 * connection still waiting for its first request head.
 */
final class AddressSlots {

    private final int cap;
    private final ConcurrentMap<InetAddress, Integer> held = new ConcurrentHashMap<>();

    /** @param cap the most slots one address may hold at once, at least 1 */
    AddressSlots(int cap) {
        this.cap = cap;
    }

    /**
     * @param address the client's IP address
     * @return true if a slot was taken (release it once), false if the address already holds {@code cap}
     */
    boolean tryAcquire(InetAddress address) {
        boolean[] taken = {false};
        held.compute(address, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= cap) {
                return count;
            }
            taken[0] = true;
            return current + 1;
        });
        return taken[0];
    }

    /** @param address an address that holds a slot taken by {@link #tryAcquire} */
    void release(InetAddress address) {
        held.computeIfPresent(address, (key, count) -> count > 1 ? count - 1 : null);
    }

    /**
     * @param address a client's IP address
     * @return how many slots it holds now
     */
    int heldBy(InetAddress address) {
        return held.getOrDefault(address, 0);
    }
}
