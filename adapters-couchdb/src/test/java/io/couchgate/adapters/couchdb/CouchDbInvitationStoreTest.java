package io.couchgate.adapters.couchdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.domain.CouchCredentials;
import io.couchgate.domain.Invitation;
import io.couchgate.domain.port.InvitationStore;
import io.couchgate.domain.port.testing.InvitationStoreContract;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The invitation store contract on a real server's {@code app_users}, plus the stored document's shape. */
@ExtendWith(CouchDbExtension.class)
class CouchDbInvitationStoreTest extends InvitationStoreContract {

    private final CouchDbConnection couch;
    private final CouchCredentials admin;
    private final RawCouch raw;

    CouchDbInvitationStoreTest(CouchDbServer server) {
        couch = CouchDbConnection.open(TestCouchDbSettings.of(server.url()));
        admin = RawCouch.adminOf(server);
        raw = new RawCouch(server.url());
        new CouchDbServerProvisioner(couch).provision(admin, List.of());
    }

    @AfterEach
    void close() {
        couch.close();
    }

    @Override
    protected InvitationStore newStore() {
        return new CouchDbInvitationStore(couch, admin);
    }

    @Test
    void storedDocument_holdsTheHashAndTimes_neverTheCode_andIsAdminOnly() {
        Invitation invitation = newInvitation();
        newStore().add(invitation);

        JsonNode doc = raw.send("GET", "/app_users/invitation:" + invitation.codeHash(), null, admin).json();
        assertThat(doc.get("type").asText()).isEqualTo("invitation");
        assertThat(doc.get("created_at").asText()).isEqualTo("2026-03-04T05:06:07.890Z");
        assertThat(doc.get("expires_at").asText()).isEqualTo("2026-03-11T05:06:07.890Z");
        assertThat(raw.send("GET", "/app_users/invitation:" + invitation.codeHash(), null, null).status())
                .isEqualTo(401);
    }
}
