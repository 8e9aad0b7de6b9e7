package org.huzhu.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.huzhu.actuary.generate.PopulationGenerator;
import org.huzhu.actuary.generate.Shape;
import org.huzhu.actuary.population.PopulationWriter;
import org.huzhu.actuary.simulate.Scenario;
import org.huzhu.actuary.simulate.Simulation;
import org.huzhu.actuary.simulate.SimulationSummary;
import org.huzhu.api.EvaluationError;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.SubsidyEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is dropped: a line that is not JSON, a request with a bad amount and a claim of another scheme, among four
 * good Shaoxing claims and a blank line, end as three error rows beside four decided ones, and the counts reconcile
 * (7 entries = 4 decided + 3 errors under each scenario), exactly as the local simulation has them.
 */
class ErrorRowsTest {
    @TempDir
    Path dir;

    /** The distinct member ids of the lines: the generator writes each member's claims together. */
    private static long members(List<String> lines) {
        return lines.stream().map(l -> l.replaceFirst(".*\"member\":\\{\"id\":\"([^\"]+)\".*", "$1"))
                .distinct().count();
    }

    @Test
    void badRowsAreErrorRowsAndTheCountsReconcile() throws IOException {
        Path generated = dir.resolve("good.jsonl");
        try (PopulationWriter out = PopulationWriter.open(generated)) {
            new PopulationGenerator("shaoxing", Shape.of("shaoxing"), 3L).stream(4).forEach(out::write);
        }
        List<String> good = Files.readAllLines(generated);
        String badAmount = good.get(1).replaceFirst("\"coPay\":[0-9.]+", "\"coPay\":\"abc\"");
        assertThat(badAmount).contains("\"coPay\":\"abc\"");
        String wujin = Files.readAllLines(Path.of("../examples/populations/claims.jsonl")).get(0);
        List<String> lines = new ArrayList<>();
        lines.add(good.get(0));
        lines.add("{not json");
        lines.add(badAmount);
        lines.add("");
        lines.add(good.get(1));
        lines.add(good.get(2));
        lines.add(wujin);
        lines.add(good.get(3));
        Path population = dir.resolve("with-errors.jsonl");
        Files.write(population, lines);

        SubsidyEngine baseline = SubsidyEngine.builder().parallelism(1).build();
        SubsidyEngine reform = SubsidyEngine.builder().parallelism(1)
                .reform(SparkSimulationMatchesLocalTest.REFORM).build();
        RulesetInfo info = reform.rulesets().stream().filter(r -> r.reform() != null).findFirst().orElseThrow();
        SparkSimulationMatchesLocalTest.Outputs local = SparkSimulationMatchesLocalTest.local(new Simulation(
                Scenario.of(baseline, "shaoxing@2015"), new Scenario(info.reform().name(), reform, "shaoxing@2015")),
                population);
        SparkSimulationMatchesLocalTest.Outputs spark = SparkSimulationMatchesLocalTest.spark(
                SimulationJob.plan(List.of(), "shaoxing@2015", null, SparkSimulationMatchesLocalTest.REFORM, 1024),
                population);

        SimulationSummary s = spark.summary();
        assertThat(s.claims()).isEqualTo(7);
        assertThat(s.members()).isEqualTo(members(good));
        for (SimulationSummary.ScenarioFigures side : List.of(s.baseline(), s.reform())) {
            assertThat(side.entries()).isEqualTo(7);
            assertThat(side.decided()).isEqualTo(4);
            assertThat(side.errors()).isEqualTo(3);
            assertThat(side.errorsByCode()).isEqualTo(Map.of(EvaluationError.Code.INVALID_INPUT, 3L));
        }
        String[] rows = spark.claimsCsv().split("\n");
        assertThat(rows).hasSize(8);
        // Line 2 is not JSON (entry 1); line 3 has the bad amount (entry 2); the blank line 4 is no entry; line 7 is
        // the Wujin claim (entry 5).
        assertThat(rows[2]).contains("INVALID_INPUT: ").endsWith(",1," + population + ":2");
        assertThat(rows[3]).contains("claim.stays[0].coPay").endsWith(",2," + population + ":3");
        assertThat(rows[6]).contains("INVALID_INPUT: ruleset: the claim is of wujin").endsWith(",5," + population
                + ":7");
        assertThat(s).isEqualTo(local.summary());
        assertThat(spark.summaryJson()).isEqualTo(local.summaryJson());
        assertThat(spark.claimsCsv()).isEqualTo(local.claimsCsv());
    }
}
