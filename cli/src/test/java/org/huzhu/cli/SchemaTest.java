package org.huzhu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON Schemas under {@code schemas/} (draft 2020-12) describe what ships: every example request validates
 * against the request schema, and each example's decision JSON from the tool, in both languages, against the
 * decision schema. A misspelt field or a missing total fails, so the schemas are not vacuous.
 */
class SchemaTest {
    static final Path SCHEMAS = Path.of("..", "schemas");
    static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    @TempDir
    Path dir;

    static Schema schema(String file) throws IOException {
        return REGISTRY.getSchema(Files.readString(SCHEMAS.resolve(file), StandardCharsets.UTF_8), InputFormat.JSON);
    }

    static List<String> errors(Schema schema, String json) {
        return schema.validate(json, InputFormat.JSON).stream().map(e -> e.toString()).toList();
    }

    @Test
    void everyExampleRequestIsValid() throws IOException {
        Schema request = schema("evaluation-request.schema.json");
        List<Path> claims = DecisionJsonTest.exampleClaims();
        assertThat(claims).isNotEmpty();
        for (Path claim : claims) {
            assertThat(errors(request, Files.readString(claim, StandardCharsets.UTF_8))).as(claim.toString())
                    .isEmpty();
        }
        assertThat(errors(request, DecisionJsonTest.HUNAN_RANGE)).isEmpty();
    }

    @Test
    void aMisspeltFieldIsNotAValidRequest() throws IOException {
        Schema request = schema("evaluation-request.schema.json");
        String json = Files.readString(DecisionJsonTest.CLAIMS.resolve("wujin-2024-two-stays.json"))
                .replace("\"coPay\"", "\"copay\"");
        assertThat(errors(request, json)).isNotEmpty();
    }

    @Test
    void everyExamplesDecisionIsValid() throws IOException {
        Schema decision = schema("decision.schema.json");
        Path range = Files.writeString(dir.resolve("hunan-range.json"), DecisionJsonTest.HUNAN_RANGE);
        List<Path> claims = new java.util.ArrayList<>(DecisionJsonTest.exampleClaims());
        claims.add(range);
        for (Path claim : claims) {
            for (String lang : List.of("en", "zh")) {
                String json = DecisionJsonTest.json(claim, lang);
                assertThat(errors(decision, json)).as(claim + " " + lang).isEmpty();
            }
        }
        String withoutTotal = DecisionJsonTest.json(claims.get(0), "en").replaceFirst("\"total\" : [0-9.]+,", "");
        assertThat(errors(decision, withoutTotal)).isNotEmpty();
    }
}
