package io.couchgate.adapters.http.token;

/** Names and fixed values of couchgate's JWT claims. */
final class TokenClaimNames {

    /** The {@code iss} of every couchgate token. */
    static final String ISSUER = "couchgate";
    /** The session id claim. */
    static final String SESSION_ID = "sid";
    /** The instance id claim. */
    static final String INSTANCE_ID = "iid";

    private TokenClaimNames() {
    }
}
