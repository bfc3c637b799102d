package io.couchgate.application.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Session;
import io.couchgate.domain.Username;
import io.couchgate.domain.port.SessionStore;
import io.couchgate.domain.port.testing.ContractSessions;
import io.couchgate.domain.port.testing.SessionStoreContract;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemorySessionStoreTest extends SessionStoreContract {

    @Override
    protected SessionStore newStore() {
        return new InMemorySessionStore();
    }

    @Test
    void concurrentPutsAndRemoves_loseNothing() throws Exception {
        InMemorySessionStore store = new InMemorySessionStore();
        InstanceId instance = InstanceId.random();
        Username alice = Username.of("alice");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Session>> kept = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                boolean removeIt = i % 2 == 0;
                kept.add(pool.submit(() -> {
                    Session session = ContractSessions.session(instance, alice);
                    store.put(session);
                    if (removeIt) {
                        store.remove(session.id());
                        return null;
                    }
                    return session;
                }));
            }
            List<Session> expected = new ArrayList<>();
            for (Future<Session> future : kept) {
                Session session = future.get(10, TimeUnit.SECONDS);
                if (session != null) {
                    expected.add(session);
                }
            }
            assertThat(store.findByUsername(alice)).containsExactlyInAnyOrderElementsOf(expected).hasSize(200);
        } finally {
            pool.shutdownNow();
        }
    }
}
