package io.couchgate.adapters.http.testing;

import io.couchgate.application.port.in.InvalidCredentialsException;
import io.couchgate.application.port.in.LogInCommand;
import io.couchgate.application.port.in.LogInResult;
import io.couchgate.application.port.in.LogInUseCase;
import io.couchgate.application.port.in.LogOutUseCase;
import io.couchgate.application.port.in.ResolveDatabaseCredentialsUseCase;
import io.couchgate.application.port.in.SignUpClosedException;
import io.couchgate.application.port.in.SignUpCommand;
import io.couchgate.application.port.in.SignUpUseCase;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.CouchDbException;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.InvalidUsernameException;
import io.couchgate.domain.IssuedToken;
import io.couchgate.domain.Session;
import io.couchgate.domain.SessionId;
import io.couchgate.domain.Username;
import io.couchgate.domain.UsernameTakenException;
import io.couchgate.domain.WeakPasswordException;
import io.couchgate.domain.port.Clock;
import io.couchgate.domain.port.TokenService;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tiny stand-in for the application's use cases (the real services are not on this branch yet): accounts and
 * sessions in maps, tokens from the real {@link TokenService}. Passwords shorter than 12 characters are weak.
 */
public final class FakeAccounts implements SignUpUseCase, LogInUseCase, LogOutUseCase,
        ResolveDatabaseCredentialsUseCase {

    /** Session lifetime. */
    public static final Duration TTL = Duration.ofDays(7);

    private final Map<Username, String> passwords = new ConcurrentHashMap<>();
    private final Map<SessionId, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger logInCalls = new AtomicInteger();
    private final TokenService tokens;
    private final InstanceId instanceId;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile boolean signUpOpen = true;
    private volatile boolean couchDbDown;

    public FakeAccounts(TokenService tokens, InstanceId instanceId, Clock clock) {
        this.tokens = tokens;
        this.instanceId = instanceId;
        this.clock = clock;
    }

    /** Forgets accounts and sessions; signup open, CouchDB up. */
    public void reset() {
        passwords.clear();
        sessions.clear();
        logInCalls.set(0);
        signUpOpen = true;
        couchDbDown = false;
    }

    public void signUpOpen(boolean open) {
        this.signUpOpen = open;
    }

    public void couchDbDown(boolean down) {
        this.couchDbDown = down;
    }

    /** @return how many logins reached this use case */
    public int logInCalls() {
        return logInCalls.get();
    }

    @Override
    public Username signUp(SignUpCommand command) {
        if (!signUpOpen) {
            throw new SignUpClosedException();
        }
        requireCouchDb();
        if (command.password().length < 12) {
            throw new WeakPasswordException("password must be at least 12 characters",
                    List.of("Add another word or two.", "Avoid common phrases."));
        }
        if (passwords.putIfAbsent(command.username(), new String(command.password())) != null) {
            throw new UsernameTakenException(command.username());
        }
        return command.username();
    }

    @Override
    public LogInResult logIn(LogInCommand command) {
        logInCalls.incrementAndGet();
        requireCouchDb();
        Username username;
        try {
            username = Username.of(command.username());
        } catch (InvalidUsernameException e) {
            throw new InvalidCredentialsException();
        }
        String stored = passwords.get(username);
        if (stored == null || !stored.equals(new String(command.password()))) {
            throw new InvalidCredentialsException();
        }
        Session session = newSession(username);
        sessions.put(session.id(), session);
        IssuedToken token = tokens.issue(session);
        return new LogInResult(token, username, session.id());
    }

    /** @return a session that is not kept (for tokens of unknown or revoked sessions) */
    public Session newSession(Username username) {
        SessionId id = SessionId.random(this::randomBytes);
        return new Session(id, username, instanceId, clock.now(), clock.now().plus(TTL),
                new CouchCredentials(Session.sessionUserName(instanceId, username, id), "secret-" + id));
    }

    @Override
    public void logOut(SessionId sessionId) {
        requireCouchDb();
        sessions.remove(sessionId);
    }

    @Override
    public int logOutEverywhere(Username username) {
        requireCouchDb();
        List<SessionId> ids = sessions.values().stream().filter(s -> s.username().equals(username))
                .map(Session::id).toList();
        ids.forEach(sessions::remove);
        return ids.size();
    }

    @Override
    public Optional<Session> resolve(String bearerToken) {
        return tokens.verify(bearerToken).flatMap(claims -> Optional.ofNullable(sessions.get(claims.sessionId())));
    }

    /** @param session a session to keep as live */
    public void keep(Session session) {
        sessions.put(session.id(), session);
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private void requireCouchDb() {
        if (couchDbDown) {
            throw new CouchDbException("GET /app_users/user:alice answered 500");
        }
    }
}
