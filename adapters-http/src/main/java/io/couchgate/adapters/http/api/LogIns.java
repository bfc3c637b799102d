package io.couchgate.adapters.http.api;

import io.couchgate.application.port.in.InvalidCredentialsException;
import io.couchgate.application.port.in.LogInCommand;
import io.couchgate.application.port.in.LogInResult;
import io.couchgate.application.port.in.LogInUseCase;
import io.couchgate.application.port.in.PasswordInput;
import io.couchgate.domain.Username;
import jakarta.inject.Singleton;

/**
 * A login through {@link LogInUseCase}, counted by {@link LoginThrottle}: its tokens are reserved before the password
 * is checked and settled by the outcome (a success, a failure, or no verdict when something else failed).
 */
@Singleton
final class LogIns {

    private static final int MAX_RAW_KEY_LENGTH = 256;

    private final LogInUseCase logIn;
    private final LoginThrottle throttle;
    private final QueueWaitLimit queueWait;

    LogIns(LogInUseCase logIn, LoginThrottle throttle, QueueWaitLimit queueWait) {
        this.logIn = logIn;
        this.throttle = throttle;
        this.queueWait = queueWait;
    }

    /**
     * @param address the client's socket address
     * @param credentials the name and password as typed; not wiped here
     * @return the new session's token
     * @throws ApiException {@code too-many-requests} when throttled, {@code server-busy} when the request waited too
     *         long for a thread (nothing is checked then)
     * @throws InvalidCredentialsException for an unknown user, a wrong password, or an impossible password length
     * @throws io.couchgate.application.port.in.PasswordHashingBusyException when no Argon2id turn came in time
     *         (the attempt's tokens are given back)
     */
    SessionCreatedResponse logIn(String address, CredentialsRequest credentials) {
        queueWait.check();
        LoginThrottle.Reservation reservation = throttle.reserve(address, throttleKey(credentials.username()));
        LogInResult result;
        try {
            result = check(credentials);
        } catch (InvalidCredentialsException e) {
            reservation.failed();
            throw e;
        } catch (RuntimeException | Error e) {
            reservation.cancelled();
            throw e;
        }
        reservation.succeeded();
        return new SessionCreatedResponse(result.token().value(), "Bearer", result.token().expiresAt().toString(),
                result.username().value(), result.passwordChangeRequired());
    }

    private LogInResult check(CredentialsRequest credentials) {
        char[] password = credentials.password();
        if (!PasswordInput.hasPossibleLength(password)) {
            throw new InvalidCredentialsException();
        }
        return logIn.logIn(new LogInCommand(credentials.username(), password));
    }

    /**
     * Spellings that reach the same account ({@link Username#forLogIn}) share a bucket; impossible names get their
     * own, prefixed, bounded keys.
     */
    private static String throttleKey(String raw) {
        return Username.forLogIn(raw).map(Username::value)
                .orElseGet(() -> "?" + raw.substring(0, Math.min(raw.length(), MAX_RAW_KEY_LENGTH)));
    }
}
