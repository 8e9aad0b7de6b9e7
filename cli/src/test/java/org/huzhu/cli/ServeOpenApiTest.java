package org.huzhu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /openapi.json} is an OpenAPI 3.1 document whose paths are the routes the server serves, as the server
 * registered them, and whose references all resolve: within the document, and to the JSON Schemas the server serves
 * from the one copy in {@code schemas/}.
 */
class ServeOpenApiTest {
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    static ServeServer server;

    @BeforeAll
    static void start() {
        server = ServeFixture.start(ServeFixture.limits());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theDocumentIsOpenApi31AndItsPathsAreTheServedRoutes() {
        ServeFixture.Response r = ServeFixture.get(server, "/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        JsonNode doc = r.json();
        assertThat(doc.get("openapi").asText()).startsWith("3.1.");
        assertThat(doc.get("info").get("title").asText()).isNotBlank();

        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(m -> {
                if (METHODS.contains(m)) {
                    documented.add(m.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
                }
            });
        }
        Set<String> served = new TreeSet<>();
        server.routes().forEach(route -> served.add(route.method() + " " + route.path()));
        assertThat(served).hasSize(server.routes().size());   // no route registered twice
        assertThat(documented).isEqualTo(served);
        assertThat(served).contains("POST /v1/evaluate", "POST /v1/evaluate/batch", "GET /v1/rulesets",
                "GET /v1/rulesets/{scheme}/{version}", "GET /health", "GET /openapi.json");
    }

    @Test
    void everyReferenceResolvesAndTheSchemasAreTheRepositorysFiles() throws IOException {
        URI base = ServeFixture.uri(server, "/openapi.json");
        JsonNode doc = ServeFixture.get(server, "/openapi.json").json();
        List<String> external = new ArrayList<>();
        checkRefs(doc, doc, base, external, new TreeSet<>());
        // The three schemas of schemas/, each at least once: request, decision, batch line.
        assertThat(external).contains("schemas/evaluation-request.schema.json", "schemas/decision.schema.json",
                "schemas/batch-result.schema.json");
        for (String name : List.of("evaluation-request", "decision", "batch-result")) {
            ServeFixture.Response schema = ServeFixture.get(server, "/schemas/" + name + ".schema.json");
            assertThat(schema.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(Files.readAllBytes(
                    Path.of("..", "schemas", name + ".schema.json")));
        }
        assertThat(ServeFixture.get(server, "/schemas/none.schema.json").status()).isEqualTo(404);
        assertThat(ServeFixture.get(server, "/schemas/..%2Fopenapi.json").status()).isEqualTo(404);
    }

    /**
     * Every {@code $ref} under {@code node}: a fragment resolves as a JSON pointer in {@code doc}; a relative
     * reference is fetched from the server relative to {@code base}, must be JSON, and its own references are
     * checked in turn.
     */
    private static void checkRefs(JsonNode node, JsonNode doc, URI base, List<String> external, Set<URI> fetched) {
        if (node.isArray()) {
            node.forEach(n -> checkRefs(n, doc, base, external, fetched));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        JsonNode ref = node.get("$ref");
        if (ref != null && ref.isTextual()) {
            String target = ref.asText();
            int hash = target.indexOf('#');
            String file = hash < 0 ? target : target.substring(0, hash);
            String pointer = hash < 0 ? "" : target.substring(hash + 1);
            JsonNode targetDoc = doc;
            URI targetBase = base;
            if (!file.isEmpty()) {
                external.add(file);
                targetBase = base.resolve(file);
                ServeFixture.Response fetched1 = ServeFixture.send(java.net.http.HttpRequest.newBuilder(targetBase)
                        .GET().build());
                assertThat(fetched1.status()).as(target + " from " + base).isEqualTo(200);
                targetDoc = fetched1.json();
                if (fetched.add(targetBase)) {
                    checkRefs(targetDoc, targetDoc, targetBase, external, fetched);
                }
            }
            assertThat(targetDoc.at(pointer).isMissingNode()).as(target + " from " + base).isFalse();
        }
        node.forEach(n -> checkRefs(n, doc, base, external, fetched));
    }
}
