package io.couchgate.adapters.http.api;

import io.couchgate.application.port.in.InvalidCredentialsException;
import io.couchgate.application.port.in.PasswordInput;
import io.couchgate.application.port.in.PasswordHashingBusyException;
import io.couchgate.domain.Username;
import io.couchgate.domain.WeakPasswordException;
import jakarta.inject.Singleton;

/**
 * Runs an account operation that re-verifies the user's password, counted by {@link LoginThrottle} exactly as a
 * login is (the same per-username and per-address buckets, so guesses through these calls and through login share
 * one limit): tokens are reserved before the password is checked and settled by the outcome.
 */
@Singleton
final class AccountPasswordChecks {

    private final LoginThrottle throttle;

    AccountPasswordChecks(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    /**
     * @param address the client's socket address
     * @param username the session's user
     * @param password the password to be verified (an impossible length is a wrong password, checked by nothing)
     * @param operation the use case call, which verifies the password first
     * @throws ApiException {@code too-many-requests} when throttled (nothing is checked then)
     * @throws InvalidCredentialsException for a wrong password (the failure tokens stay taken)
     * @throws WeakPasswordException when the password was right but a new one is refused (settled as right)
     * @throws PasswordHashingBusyException when no Argon2id turn came in time (every token is given back)
     */
    void run(String address, Username username, char[] password, Runnable operation) {
        LoginThrottle.Reservation reservation = throttle.reserve(address, username.value());
        try {
            if (!PasswordInput.hasPossibleLength(password)) {
                throw new InvalidCredentialsException();
            }
            operation.run();
        } catch (InvalidCredentialsException e) {
            reservation.failed();
            throw e;
        } catch (WeakPasswordException e) {
            reservation.verified();
            throw e;
        } catch (RuntimeException | Error e) {
            reservation.cancelled();
            throw e;
        }
        reservation.verified();
    }
}
