package io.couchgate.adapters.http.testing;

import io.couchgate.application.port.in.LogInCommand;
import io.couchgate.application.port.in.LogInResult;
import io.couchgate.application.port.in.LogInUseCase;
import java.util.concurrent.atomic.AtomicInteger;

/** The real login use case, counting the calls that reach it (a throttled attempt must not). */
public final class CountingLogIn implements LogInUseCase {

    private final LogInUseCase delegate;
    private final AtomicInteger calls = new AtomicInteger();

    public CountingLogIn(LogInUseCase delegate) {
        this.delegate = delegate;
    }

    @Override
    public LogInResult logIn(LogInCommand command) {
        calls.incrementAndGet();
        return delegate.logIn(command);
    }

    /** @return how many logins reached the use case */
    public int calls() {
        return calls.get();
    }
}
