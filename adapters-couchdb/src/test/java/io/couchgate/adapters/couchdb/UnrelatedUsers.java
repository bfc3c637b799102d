package io.couchgate.adapters.couchdb;

import io.couchgate.domain.CouchCredentials;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@code _users} entries that are not couchgate session users, but sort near them. */
final class UnrelatedUsers {

    private UnrelatedUsers() {
    }

    /**
     * Creates {@code count} users just outside the {@code users/} prefix (before and after it) and one inside it
     * whose name is not a session user's form.
     *
     * @return their doc ids
     */
    static List<String> create(RawCouch raw, CouchCredentials admin, int count) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<String> names = new ArrayList<>(List.of("user-" + tag, "users-" + tag, "zz-users/" + tag));
        while (names.size() < count) {
            names.add("other-" + names.size() + "-" + tag);
        }
        List<String> ids = new ArrayList<>();
        for (String name : names.subList(0, count)) {
            String id = "org.couchdb.user:" + name;
            int status = raw.send("PUT", CouchDbPaths.doc("_users", id), "{\"name\":\"" + name
                    + "\",\"type\":\"user\",\"roles\":[],\"password_scheme\":\"pbkdf2\",\"iterations\":10,"
                    + "\"salt\":\"1112283cf988a34f124200a050d308a1\","
                    + "\"derived_key\":\"e579375db0e0c6a6fc79cd9e36a36859f71575c3\"}", admin).status();
            if (status != 201 && status != 202) {
                throw new IllegalStateException("could not create unrelated user " + name + ": " + status);
            }
            ids.add(id);
        }
        return ids;
    }
}
