package io.couchgate.adapters.http.proxy;

import io.couchgate.domain.CouchCredentials;
import io.netty.util.AsciiString;

/**
 * The {@code Authorization: Basic} value (RFC 7617, {@link ProxyHeaders#basic}) of the last session relayed on one
 * client connection, so that a keep-alive connection of one session encodes its credentials once, not once per
 * request. Holds one entry; used from the connection's event loop only.
 */
final class BasicHeaderCache {

    private CouchCredentials credentials;
    private AsciiString value;

    /**
     * @param session the session user's CouchDB credentials
     * @return their {@code Authorization} value
     */
    AsciiString basic(CouchCredentials session) {
        if (!session.equals(credentials)) {
            value = new AsciiString(ProxyHeaders.basic(session));
            credentials = session;
        }
        return value;
    }
}
