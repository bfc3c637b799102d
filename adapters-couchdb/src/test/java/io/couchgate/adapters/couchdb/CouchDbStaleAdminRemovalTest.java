package io.couchgate.adapters.couchdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.domain.CouchCredentials;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admins of lost secrets go, no other admin does: on the harness CouchDB (CouchDB 3's
 * {@code /_node/_local/_config/admins}; the dev server has only CouchDB 1.x's {@code /_config/admins}, which the
 * adapter falls back on), admins created here are removed or kept by name alone.
 */
@ExtendWith(CouchDbExtension.class)
class CouchDbStaleAdminRemovalTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final CouchDbConnection couch;
    private final CouchDbServerProvisioner provisioner;
    private final RawCouch raw;
    private final CouchCredentials harnessAdmin;
    private final String adminsPath;
    private final List<String> created = new ArrayList<>();

    CouchDbStaleAdminRemovalTest(CouchDbServer server) {
        couch = CouchDbConnection.open(server.couchDbSettings());
        provisioner = new CouchDbServerProvisioner(couch);
        raw = new RawCouch(server.url());
        harnessAdmin = RawCouch.adminOf(server);
        adminsPath = server.adminsPath();
    }

    @AfterEach
    void removeWhatThisTestMade() {
        try {
            for (String name : created) {
                if (admins().contains(name)) {
                    assertThat(raw.send("DELETE", adminsPath + "/" + name, null, harnessAdmin).status())
                            .isEqualTo(200);
                }
            }
        } finally {
            couch.close();
        }
    }

    @Test
    void removeOtherCouchgateAdmins_deletesEveryOtherCouchgateAdmin_keepsItselfAndAdminsOfOtherNames() {
        CouchCredentials current = createAdmin("couchgate-admin-");
        CouchCredentials stale1 = createAdmin("couchgate-admin-");
        CouchCredentials stale2 = createAdmin("couchgate-admin-");
        CouchCredentials lookalike = createAdmin("couchgate-adminx");
        CouchCredentials otherApp = createAdmin("other-app-");
        CouchCredentials bootstrap = createAdmin("couchgate-admin-");
        awaitAdmin(current);

        List<String> removed = provisioner.removeOtherCouchgateAdmins(current, Set.of(bootstrap.name()));

        assertThat(removed).contains(stale1.name(), stale2.name()).allMatch(n -> n.startsWith("couchgate-admin-"))
                .doesNotContain(current.name());
        List<String> left = admins();
        assertThat(left).contains(current.name(), bootstrap.name(), lookalike.name(), otherApp.name(),
                        harnessAdmin.name())
                .doesNotContain(stale1.name(), stale2.name());
        assertThat(left.stream().filter(n -> n.startsWith("couchgate-admin-")))
                .containsExactlyInAnyOrder(current.name(), bootstrap.name());
        assertThat(provisioner.isAdmin(harnessAdmin)).isTrue();
        assertThat(provisioner.isAdmin(current)).isTrue();
        assertThat(provisioner.removeOtherCouchgateAdmins(current, Set.of(bootstrap.name()))).isEmpty();
    }

    private CouchCredentials createAdmin(String prefix) {
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        CouchCredentials admin = new CouchCredentials(prefix + HexFormat.of().formatHex(suffix),
                "pass-" + HexFormat.of().formatHex(suffix) + "-word-" + created.size());
        String body = RawCouch.JSON.valueToTree(admin.password()).toString();
        assertThat(raw.send("PUT", adminsPath + "/" + admin.name(), body, harnessAdmin).status()).isEqualTo(200);
        created.add(admin.name());
        return admin;
    }

    /** CouchDB 3.4 hashes a new admin's password asynchronously (couchdb-notes.md): poll, at most 4 logins. */
    private void awaitAdmin(CouchCredentials admin) {
        for (int attempt = 0; attempt < 4; attempt++) {
            if (provisioner.isAdmin(admin)) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(250L << attempt).toNanos());
        }
        throw new AssertionError(admin.name() + " could not log in as admin");
    }

    private List<String> admins() {
        RawCouch.Answer answer = raw.send("GET", adminsPath, null, harnessAdmin);
        assertThat(answer.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        answer.json().fieldNames().forEachRemaining(names::add);
        return names;
    }
}
