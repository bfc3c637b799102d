package io.couchgate.adapters.couchdb;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A database's {@code _security} (api/database/security.html). Absent lists read as empty, so that a stored
 * object can be compared with the wanted one.
 *
 * @param admins database admins
 * @param members database members (empty would make the database public: never written empty by couchgate)
 */
@Serdeable
record SecurityObject(Group admins, Group members) {

    SecurityObject {
        admins = admins == null ? Group.EMPTY : admins;
        members = members == null ? Group.EMPTY : members;
    }

    /**
     * @param names user names
     * @param roles role names
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS) // CouchDB's own form: empty lists written out
    record Group(List<String> names, List<String> roles) {

        static final Group EMPTY = new Group(List.of(), List.of());

        Group {
            names = names == null ? List.of() : List.copyOf(names);
            roles = roles == null ? List.of() : List.copyOf(roles);
        }

        static Group names(String... names) {
            return new Group(List.of(names), List.of());
        }

        static Group roles(String... roles) {
            return new Group(List.of(), List.of(roles));
        }
    }
}
