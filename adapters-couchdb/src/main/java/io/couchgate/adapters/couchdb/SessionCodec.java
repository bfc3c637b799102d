package io.couchgate.adapters.couchdb;

import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.SessionId;
import io.couchgate.domain.Username;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link Session} into its {@link SessionDocument} and back. The session id is encrypted with its digest
 * (the doc id) as associated data; the password with the session id followed by every plain field (username,
 * instance, issued and expiry times, session user name, and the password-change mark when it is set: documents
 * without the mark, older ones included, bind exactly what they bound before), so that a doc copied under another
 * id, a password copied into another session's doc, or a plain field edited in place (a longer expiry, another
 * session's user to have deleted at logout, a removed password-change mark) fails to decrypt. A document that
 * cannot be read back (another key, altered, not a session) counts as absent, with a warning that names only its
 * id.
 */
final class SessionCodec {

    private static final Logger LOG = LoggerFactory.getLogger(SessionCodec.class);

    private static final String CHANGE_REQUIRED_BINDING = "password_change_required";

    private final SessionCipher cipher;

    SessionCodec(SessionCipher cipher) {
        this.cipher = cipher;
    }

    /** @return the document for a new session (no {@code _rev}) */
    SessionDocument encode(Session session) {
        String digest = session.id().digest();
        return new SessionDocument(digest, null, SessionDocument.TYPE, SessionDocument.VERSION,
                session.username().toString(), session.instanceId().toString(),
                session.issuedAt().toEpochMilli(), session.expiresAt().toEpochMilli(),
                session.credentials().name(),
                cipher.encrypt(session.id().value(), digest),
                cipher.encrypt(session.credentials().password(), passwordBinding(session.id().value(),
                        session.username().toString(), session.instanceId().toString(),
                        session.issuedAt().toEpochMilli(), session.expiresAt().toEpochMilli(),
                        session.credentials().name(), session.passwordChangeRequired())),
                session.passwordChangeRequired() ? Boolean.TRUE : null);
    }

    /**
     * The password's associated data: the session id, then the plain fields, separated by NUL (none holds one); a
     * set password-change mark adds a last field, so that removing it from a stored document fails to decrypt.
     */
    private static String passwordBinding(String sessionId, String username, String instance, long issuedAt,
                                          long expiresAt, String user, boolean changeRequired) {
        String plain = String.join("\0", sessionId, username, instance, Long.toString(issuedAt),
                Long.toString(expiresAt), user);
        return changeRequired ? plain + "\0" + CHANGE_REQUIRED_BINDING : plain;
    }

    /**
     * @param doc a stored document
     * @return its session, or empty when it is no readable session document of this key
     */
    Optional<Session> decode(SessionDocument doc) {
        if (doc == null || doc.id() == null || !SessionDocument.TYPE.equals(doc.type())) {
            return Optional.empty();
        }
        try {
            SessionId id = new SessionId(cipher.decrypt(doc.sid(), doc.id()));
            if (!id.digest().equals(doc.id())) {
                LOG.warn("session document {} holds another session's id; ignored", doc.id());
                return Optional.empty();
            }
            boolean changeRequired = Boolean.TRUE.equals(doc.passwordChangeRequired());
            String binding = passwordBinding(id.value(), doc.username(), doc.instance(), doc.issuedAt(),
                    doc.expiresAt(), doc.user(), changeRequired);
            CouchCredentials credentials = new CouchCredentials(doc.user(), cipher.decrypt(doc.password(), binding));
            return Optional.of(new Session(id, Username.of(doc.username()), InstanceId.parse(doc.instance()),
                    Instant.ofEpochMilli(doc.issuedAt()), Instant.ofEpochMilli(doc.expiresAt()), credentials,
                    changeRequired));
        } catch (UndecryptableSessionException e) {
            LOG.warn("session document {} cannot be decrypted ({}); ignored", doc.id(), e.getMessage());
            return Optional.empty();
        } catch (IllegalArgumentException | NullPointerException e) {
            LOG.warn("session document {} is malformed; ignored", doc.id());
            return Optional.empty();
        }
    }
}
