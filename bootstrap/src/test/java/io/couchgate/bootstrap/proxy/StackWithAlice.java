package io.couchgate.bootstrap.proxy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Shared setup of the proxy tests against a real CouchDB: per test class one {@link CouchgateStack} and the session
 * token of {@code alice}, signed up and logged in on it.
 */
abstract class StackWithAlice {

    static CouchgateStack stack;
    static String alice;

    @BeforeAll
    static void startStackAndLogInAlice() throws Exception {
        stack = CouchgateStack.start();
        alice = stack.signUpAndLogIn("alice");
    }

    @AfterAll
    static void stopStack() throws Exception {
        stack.close();
    }
}
