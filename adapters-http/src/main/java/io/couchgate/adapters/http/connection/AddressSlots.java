package io.couchgate.adapters.http.connection;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counts the slow unauthenticated connections of each client address (see {@link ConnectionLimits}). Shared by
 * every connection, and so by every event loop; an address is forgotten when its count drops to zero, so the map
 * holds only addresses with a connection still waiting for its first request head.
 */
final class AddressSlots {

    private final int cap;
    private final ConcurrentMap<InetAddress, Integer> held = new ConcurrentHashMap<>();

    /** @param cap how many slow unauthenticated connections one address may hold before new ones are refused */
    AddressSlots(int cap) {
        this.cap = cap;
    }

    /**
     * @param address the client's IP address
     * @return true if the address holds {@code cap} slots or more: a new connection from it is to be refused
     */
    boolean isFull(InetAddress address) {
        return heldBy(address) >= cap;
    }

    /** @param address a client's IP address; the count may pass the cap (connections already admitted) */
    void acquire(InetAddress address) {
        held.merge(address, 1, Integer::sum);
    }

    /** @param address an address that holds a slot taken by {@link #acquire} */
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
