package io.couchgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The {@code Problem} schema of the OpenAPI document, as a client developer reads it: no internal class names. */
class ProblemSchemaDocTest {

    @Test
    void problemType_isDescribedAsTheUriNamingTheKind_withoutInternalNames() throws IOException {
        Map<String, Object> properties = problemProperties();

        assertThat(description(properties, "type")).isEqualTo("a URI reference naming the kind of problem, such as "
                + "/problems/weak-password (RFC 9457, section 3.1.1; resolve it against the answer's URL); the kinds "
                + "are listed in README, \"Problem types\". Tell problems apart by it, not by title or detail");
        properties.keySet().forEach(name -> assertThat(description(properties, name)).as(name)
                .doesNotContain("ProblemType", "{@link", "io.couchgate"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> problemProperties() throws IOException {
        try (InputStream in = ProblemSchemaDocTest.class.getClassLoader().getResourceAsStream(ApiDocs.SPEC_RESOURCE)) {
            assertThat(in).as(ApiDocs.SPEC_RESOURCE).isNotNull();
            Map<String, Object> spec = new Yaml().load(in);
            Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) spec.get("components"))
                    .get("schemas");
            return (Map<String, Object>) ((Map<String, Object>) schemas.get("Problem")).get("properties");
        }
    }

    @SuppressWarnings("unchecked")
    private static String description(Map<String, Object> properties, String name) {
        return String.valueOf(((Map<String, Object>) properties.get(name)).get("description"));
    }
}
