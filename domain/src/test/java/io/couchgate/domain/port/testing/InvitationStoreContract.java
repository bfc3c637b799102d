package io.couchgate.domain.port.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.domain.Invitation;
import io.couchgate.domain.InvitationCode;
import io.couchgate.domain.port.InvitationStore;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link InvitationStore} must do. Extend it with {@link #newStore()}; every test uses fresh random
 * codes, so a real database may be shared between tests.
 */
public abstract class InvitationStoreContract {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant CREATED = Instant.parse("2026-03-04T05:06:07.890Z");
    private static final Instant EXPIRES = Instant.parse("2026-03-11T05:06:07.890Z");

    private InvitationStore store;

    /** @return the store under test */
    protected abstract InvitationStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void addedInvitation_isFoundByItsHash_withItsTimes_andListed() {
        Invitation invitation = newInvitation();
        store.add(invitation);
        assertThat(store.find(invitation.codeHash())).contains(invitation);
        assertThat(store.list()).contains(invitation);
    }

    @Test
    void unknownHash_isNotFound_andCannotBeTaken() {
        String hash = newInvitation().codeHash();
        assertThat(store.find(hash)).isEmpty();
        assertThat(store.take(hash)).isFalse();
    }

    @Test
    void take_removesTheInvitation_once() {
        Invitation invitation = newInvitation();
        store.add(invitation);
        assertThat(store.take(invitation.codeHash())).isTrue();
        assertThat(store.take(invitation.codeHash())).isFalse();
        assertThat(store.find(invitation.codeHash())).isEmpty();
        assertThat(store.list()).doesNotContain(invitation);
    }

    @Test
    void aTakenInvitation_canBeAddedAgain() {
        Invitation invitation = newInvitation();
        store.add(invitation);
        store.take(invitation.codeHash());
        store.add(invitation);
        assertThat(store.find(invitation.codeHash())).contains(invitation);
        assertThat(store.take(invitation.codeHash())).isTrue();
    }

    @Test
    void concurrentTakes_ofOneInvitation_succeedExactlyOnce() throws Exception {
        Invitation invitation = newInvitation();
        store.add(invitation);
        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Callable<Boolean> take = () -> {
                    start.await();
                    return store.take(invitation.codeHash());
                };
                results.add(pool.submit(take));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> result : results) {
                won += result.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** @return an invitation of a fresh random 128-bit code */
    protected static Invitation newInvitation() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        InvitationCode code = new InvitationCode(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        return new Invitation(code.hash(), CREATED, EXPIRES);
    }
}
