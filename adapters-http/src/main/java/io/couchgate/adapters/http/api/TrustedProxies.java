package io.couchgate.adapters.http.api;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The reverse proxies in front of couchgate whose word on the client's address is trusted
 * ({@code couchgate.http.trusted-proxies}: IPv4 and IPv6 addresses and CIDR blocks, none by default), and the header
 * they state it in ({@code couchgate.http.client-address-header}: {@code x-forwarded-for}, the default, or
 * {@code forwarded} for RFC 7239). Only a request whose TCP peer is one of them has its client address taken from
 * that header (see {@link ClientAddressResolver}); from any other peer the header is ignored.
 *
 * <p>One header, not both: a proxy appends its peer to the header it knows, and a client can send the other one
 * with anything in it, which would then be read as the proxy's word.
 */
public final class TrustedProxies {

    /** Which request header a trusted proxy states the client's address in. */
    public enum Header {
        /** {@code X-Forwarded-For: client, proxy1, proxy2} (nginx, HAProxy, Caddy, Traefik). */
        X_FORWARDED_FOR,
        /** {@code Forwarded: for=client, for=proxy1} (RFC 7239, section 4). */
        FORWARDED;

        /**
         * @param value {@code x-forwarded-for} or {@code forwarded}, in any case, blanks around ignored
         * @return the header
         * @throws IllegalArgumentException when the value is neither
         * @throws NullPointerException when it is null
         */
        public static Header parse(String value) {
            return switch (Objects.requireNonNull(value, "header").trim().toLowerCase(Locale.ROOT)) {
                case "x-forwarded-for" -> X_FORWARDED_FOR;
                case "forwarded" -> FORWARDED;
                default -> throw new IllegalArgumentException("neither x-forwarded-for nor forwarded: " + value);
            };
        }
    }

    /** No trusted proxy: every client address is the TCP peer. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of(), List.of(), Header.X_FORWARDED_FOR);

    private final List<String> entries;
    private final List<IpSubnetFilterRule> blocks;
    private final Header header;

    private TrustedProxies(List<String> entries, List<IpSubnetFilterRule> blocks, Header header) {
        this.entries = List.copyOf(entries);
        this.blocks = List.copyOf(blocks);
        this.header = header;
    }

    /**
     * @param values addresses ({@code 10.0.0.7}, {@code ::1}) and CIDR blocks ({@code 10.0.0.0/8},
     *     {@code fd00::/8}) as configured; surrounding blanks are ignored. Host names are refused: no DNS look-up
     *     decides whom couchgate trusts.
     * @param header the header the proxies state the client's address in
     * @return the trusted proxies
     * @throws IllegalArgumentException naming the first value that is not an IP address or CIDR block
     * @throws NullPointerException if an argument or a value is null
     */
    public static TrustedProxies parse(List<String> values, Header header) {
        List<String> entries = new ArrayList<>(values.size());
        List<IpSubnetFilterRule> blocks = new ArrayList<>(values.size());
        for (String raw : values) {
            String value = Objects.requireNonNull(raw, "trusted proxy").trim();
            blocks.add(block(value));
            entries.add(value);
        }
        return new TrustedProxies(entries, blocks, Objects.requireNonNull(header, "header"));
    }

    /**
     * @param address an address, e.g. the TCP peer or an entry of {@code X-Forwarded-For}
     * @return true when it lies in one of the configured addresses or blocks
     */
    public boolean contains(InetAddress address) {
        if (blocks.isEmpty()) {
            return false;
        }
        InetSocketAddress socket = new InetSocketAddress(address, 0);
        for (IpSubnetFilterRule block : blocks) {
            if (block.matches(socket)) {
                return true;
            }
        }
        return false;
    }

    /** @return true when no proxy is trusted (the default) */
    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** @return the header a trusted proxy states the client's address in */
    public Header header() {
        return header;
    }

    /** @return the entries as configured, trimmed (for the start-up log) */
    public List<String> entries() {
        return entries;
    }

    private static IpSubnetFilterRule block(String value) {
        int slash = value.indexOf('/');
        String literal = slash < 0 ? value : value.substring(0, slash);
        InetAddress address = literal(literal);
        if (address == null) {
            throw new IllegalArgumentException("not an IP address or CIDR block: " + value);
        }
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = value.substring(slash + 1);
            if (!length.matches("[0-9]{1,3}") || Integer.parseInt(length) > bits) {
                throw new IllegalArgumentException("not an IP address or CIDR block: " + value);
            }
            prefix = Integer.parseInt(length);
        }
        return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
    }

    /**
     * @param text an IPv4 or IPv6 literal, without brackets or zone
     * @return the address, or null when the text is not a literal (never a DNS look-up)
     */
    static InetAddress literal(String text) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(text);
        if (bytes == null || text.indexOf('%') >= 0) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
