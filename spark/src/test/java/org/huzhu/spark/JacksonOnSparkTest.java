package org.huzhu.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.huzhu.actuary.population.Population;
import org.huzhu.actuary.population.PopulationEntry;
import org.huzhu.api.Benefit;
import org.huzhu.api.Decision;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.api.json.HuzhuJson;
import org.junit.jupiter.api.Test;

/**
 * The module runs on Spark's Jackson, 2.18.x, not the project's 2.23: that version is what is loaded, a Spark session
 * starts and runs a job on it (jackson-module-scala refuses any other databind), and the library works on it:
 * ruleset YAML read from a folder, a reform file, a claim's JSON, evaluation, and a CSV population.
 */
class JacksonOnSparkTest {
    @Test
    void jacksonIsSparksVersionAndASparkSessionRunsOnIt() {
        assertThat(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString()).startsWith("2.18.");
        assertThat(com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString()).startsWith("2.18.");
        assertThat(com.fasterxml.jackson.dataformat.yaml.PackageVersion.VERSION.toString()).startsWith("2.18.");
        assertThat(com.fasterxml.jackson.dataformat.csv.PackageVersion.VERSION.toString()).startsWith("2.18.");
        SparkSession spark = LocalSpark.session();
        assertThat(spark.version()).isEqualTo("4.0.4");
        assertThat(spark.range(1, 101).selectExpr("sum(id)").first().getLong(0)).isEqualTo(5050L);
    }

    @Test
    void theLibraryReadsRulesetsReformsAndPopulationsAndEvaluatesOnIt() throws IOException {
        // The rulesets from their folders (YAML through Jackson's YAML module), not the precompiled bundled ones.
        SubsidyEngine engine = SubsidyEngine.builder().classpathRulesets(false)
                .addRulesetFolder(Path.of("../rulesets")).build();
        SubsidyEngine reform = SubsidyEngine.builder().classpathRulesets(false)
                .addRulesetFolder(Path.of("../rulesets")).reform(SparkSimulationMatchesLocalTest.REFORM).build();
        Path claimFile = Path.of("../examples/claims/shaoxing-2015-stay-and-allowance.json");
        EvaluationRequest request = HuzhuJson.read(Files.readString(claimFile), EvaluationRequest.class,
                claimFile.toString());
        // Self-pay after MI 1,887.99 + 400 = 2,287.99: × 80% = 1,830.39, whole yuan rounded down, 1,830; under the
        // reform × 70% = 1,601.593, 1,601.
        assertThat(secondReimbursement(engine.evaluate(request))).isEqualByComparingTo("1830");
        assertThat(secondReimbursement(reform.evaluate(request))).isEqualByComparingTo("1601");

        List<String> csvIds = new ArrayList<>();
        try (Population csv = Population.open(Path.of("../examples/populations/claims.csv"))) {
            while (csv.hasNext()) {
                PopulationEntry e = csv.next();
                assertThat(e.failed()).as(e.where()).isFalse();
                csvIds.add(e.claimId());
            }
        }
        List<String> jsonIds = new ArrayList<>();
        try (Population jsonl = Population.open(Path.of("../examples/populations/claims.jsonl"))) {
            jsonl.forEachRemaining(e -> jsonIds.add(e.claimId()));
        }
        assertThat(csvIds).hasSize(12).isEqualTo(jsonIds);
    }

    private static BigDecimal secondReimbursement(Decision d) {
        return d.benefits().stream().filter(b -> b.kind().equals("SECOND_REIMBURSEMENT")).map(Benefit::amount)
                .findFirst().orElseThrow();
    }
}
