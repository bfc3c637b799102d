package io.couchgate.domain.port.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.InstanceId;
import io.couchgate.domain.Secrets;
import io.couchgate.domain.port.SecretsStore;
import io.couchgate.domain.port.SecretsStore.InsecureSecretsException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SecretsStore} must do (the port's Javadoc): empty before the first save; a save is what the next
 * load returns, also through a store opened again over the same storage; a later save replaces it whole; secrets
 * others may read are refused with {@link InsecureSecretsException} naming the location; unreadable ones and a
 * failed write end in {@link IllegalStateException} (no secret in the message); {@link SecretsStore#location()} names no secret.
 */
public abstract class SecretsStoreContract {

    private final Secrets secrets = secrets(1, "couchgate-admin-abcd1234", "p@ss=word:with\\odd\u00e9");
    private SecretsStore store;

    /** @return a store over storage that holds no secrets yet */
    protected abstract SecretsStore newStore();

    /** @return another store over the storage of the last {@link #newStore()} (a restart) */
    protected abstract SecretsStore reopen();

    /** Makes the stored secrets readable by group or others (mode 0644 for a file). */
    protected abstract void exposeToOthers();

    /** Makes the stored secrets owner-only again (mode 0600 for a file). */
    protected abstract void makeOwnerOnly();

    /** Replaces the stored secrets by something that cannot be read as secrets. */
    protected abstract void corrupt();

    /** Makes the storage refuse writes from now on. */
    protected abstract void refuseWrites();

    @BeforeEach
    void open() {
        store = newStore();
    }

    @Test
    void load_beforeAnySave_isEmpty() {
        assertThat(store.load()).isEmpty();
    }

    @Test
    void save_isWhatTheNextLoadReturns_alsoAfterARestart() {
        store.save(secrets);

        assertThat(store.load()).isEqualTo(Optional.of(secrets));
        assertThat(reopen().load()).isEqualTo(Optional.of(secrets));
    }

    @Test
    void aLaterSave_replacesTheSecretsWhole() {
        Secrets other = secrets(2, "couchgate-admin-ffff0000", "another-Pass-word");
        store.save(secrets);

        store.save(secrets.activate());
        assertThat(store.load().orElseThrow().state()).isEqualTo(Secrets.State.ACTIVE);
        store.save(other);

        assertThat(reopen().load()).isEqualTo(Optional.of(other));
    }

    @Test
    void secretsOthersMayRead_areRefused_namingWhere_untilTheyAreOwnerOnlyAgain() {
        store.save(secrets);
        exposeToOthers();

        assertThatThrownBy(store::load).isInstanceOf(InsecureSecretsException.class)
                .hasMessageContaining(store.location());
        makeOwnerOnly();
        assertThat(store.load()).isEqualTo(Optional.of(secrets));
    }

    @Test
    void secretsThatCannotBeRead_endInIllegalState_withoutShowingThem() {
        store.save(secrets);
        corrupt();

        assertThatThrownBy(store::load).isInstanceOf(IllegalStateException.class)
                .message().doesNotContain(secrets.admin().password());
    }

    @Test
    void aSaveThatCannotBeWritten_endsInIllegalState_withoutShowingTheSecrets() {
        refuseWrites();

        assertThatThrownBy(() -> store.save(secrets)).isInstanceOf(IllegalStateException.class)
                .message().doesNotContain(secrets.admin().password());
    }

    @Test
    void location_namesNoSecret() {
        store.save(secrets);

        assertThat(store.location()).isNotBlank()
                .doesNotContain(secrets.admin().password())
                .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(secrets.jwtSecret()))
                .doesNotContain(Base64.getEncoder().encodeToString(secrets.jwtSecret()))
                .doesNotContain(HexFormat.of().formatHex(secrets.jwtSecret()));
    }

    private static Secrets secrets(int seed, String admin, String password) {
        byte[] jwt = new byte[32];
        byte[] session = new byte[32];
        for (int i = 0; i < 32; i++) {
            jwt[i] = (byte) (seed * 31 + i);
            session[i] = (byte) (seed * 17 - i);
        }
        return new Secrets(jwt, session, InstanceId.random(), new CouchCredentials(admin, password),
                Secrets.State.PENDING);
    }
}
