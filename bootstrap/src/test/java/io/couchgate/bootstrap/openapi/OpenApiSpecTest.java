package io.couchgate.bootstrap.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.couchgate.adapters.couchdb.testing.CouchDbExtension;
import io.couchgate.adapters.couchdb.testing.CouchDbServer;
import io.couchgate.bootstrap.testing.RunningCouchgate;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code GET /api/openapi.yml} (no token): the build's OpenAPI document lists every {@code /api} route the router
 * knows, with its method, and under each call every error status README's API table gives it, as
 * {@code application/problem+json}; nothing of {@code /database}.
 */
class OpenApiSpecTest {

    private static final Pattern CALL = Pattern.compile("`(GET|PUT|POST|DELETE|PATCH) (/api/[^` ]*)`");
    private static final Pattern ERROR_STATUS = Pattern.compile("\\b([45]\\d\\d)\\b");

    @TempDir
    Path tmp;

    @Test
    void spec_listsEveryApiRoute_andEveryDocumentedErrorAsProblemJson() throws Exception {
        try (CouchDbServer couch = CouchDbExtension.freshServer();
             RunningCouchgate app = RunningCouchgate.start(couch, tmp.resolve("data"), Map.of())) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    app.uri("/api/openapi.yml")).header("Accept", "*/*").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/yaml");
            Map<String, Object> spec = new Yaml().load(response.body());
            assertThat(spec.get("openapi")).asString().startsWith("3.");
            Map<String, Map<String, Object>> paths = map(spec.get("paths"));

            Set<String> routes = app.context().getBean(Router.class).uriRoutes()
                    .map(OpenApiSpecTest::call).filter(call -> call.contains(" /api/"))
                    .filter(call -> !call.startsWith("HEAD ")) // Micronaut's own HEAD beside each GET
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(routes).contains("PUT /api/users", "PUT /api/sessions", "GET /api/sessions/current",
                    "DELETE /api/sessions/current", "DELETE /api/sessions", "PUT /api/users/current/password",
                    "DELETE /api/users/current", "GET /api/openapi.yml");
            Set<String> listed = new TreeSet<>();
            paths.forEach((path, operations) -> operations.keySet()
                    .forEach(method -> listed.add(method.toUpperCase(Locale.ROOT) + " " + path)));
            assertThat(listed).isEqualTo(routes);
            assertThat(paths.keySet()).noneMatch(path -> path.startsWith("/database"));

            Map<String, Set<String>> documented = readmeErrors();
            assertThat(documented).containsKeys("PUT /api/users", "PUT /api/sessions",
                    "DELETE /api/users/current");
            documented.forEach((call, statuses) -> {
                String[] parts = call.split(" ", 2);
                Map<String, Object> operation = map(paths.get(parts[1]).get(parts[0].toLowerCase(Locale.ROOT)));
                Map<String, Object> responses = map(operation.get("responses"));
                for (String status : statuses) {
                    assertThat(responses).as(call + " lists " + status).containsKey(status);
                    Map<String, Object> content = map(map(responses.get(status)).get("content"));
                    assertThat(content).as(call + " " + status).containsOnlyKeys("application/problem+json");
                    assertThat(map(content.get("application/problem+json")).get("schema"))
                            .isEqualTo(Map.of("$ref", "#/components/schemas/Problem"));
                }
            });
            Map<String, Object> problem = map(map(map(spec.get("components")).get("schemas")).get("Problem"));
            assertThat(map(problem.get("properties")).keySet())
                    .containsExactlyInAnyOrder("type", "title", "status", "detail", "suggestions");
            assertThat((List<Object>) problem.get("required")).as("suggestions is absent except for weak-password")
                    .containsExactlyInAnyOrder("type", "title", "status", "detail");
        }
    }

    private static String call(UriRouteInfo<?, ?> route) {
        return route.getHttpMethodName() + " " + route.getUriMatchTemplate().toPathString();
    }

    /** @return each {@code /api} call of README's API table ("Using the API") and the error statuses it lists */
    private static Map<String, Set<String>> readmeErrors() throws IOException {
        Map<String, Set<String>> errors = new TreeMap<>();
        for (String line : Files.readAllLines(repositoryRoot().resolve("README.md"))) {
            String[] cells = line.split(" \\| ");
            if (!line.startsWith("| `") || cells.length != 3 || !cells[0].contains("/api/")) {
                continue;
            }
            Set<String> statuses = new TreeSet<>();
            Matcher status = ERROR_STATUS.matcher(cells[2]);
            while (status.find()) {
                statuses.add(status.group(1));
            }
            Matcher call = CALL.matcher(cells[0]);
            while (call.find()) {
                errors.put(call.group(1) + " " + call.group(2), statuses);
            }
        }
        return errors;
    }

    private static Path repositoryRoot() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IOException("no folder above the working directory holds mvnw");
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, V>) value;
    }
}
