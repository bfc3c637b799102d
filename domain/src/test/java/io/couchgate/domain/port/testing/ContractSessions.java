package io.couchgate.domain.port.testing;

import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.SessionId;
import io.couchgate.domain.Username;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/** Builds valid sessions for contract tests: real random ids and 256-bit random passwords. */
public final class ContractSessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ContractSessions() {
    }

    /**
     * @param instance the instance it belongs to
     * @param username the app user
     * @param issuedAt login time
     * @param expiresAt expiry (not before {@code issuedAt})
     * @return a session with a random id and random credentials named as {@link Session#sessionUserName} says
     */
    public static Session session(InstanceId instance, Username username, Instant issuedAt, Instant expiresAt) {
        SessionId id = SessionId.random(ContractSessions::randomBytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        CouchCredentials credentials = new CouchCredentials(Session.sessionUserName(instance, username, id),
                password);
        return new Session(id, username, instance, issuedAt, expiresAt, credentials);
    }

    /**
     * @param instance the instance it belongs to
     * @param username the app user
     * @return a session issued now (to the millisecond, as stores keep it) that expires in an hour
     */
    public static Session session(InstanceId instance, Username username) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return session(instance, username, now, now.plusSeconds(3600));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
