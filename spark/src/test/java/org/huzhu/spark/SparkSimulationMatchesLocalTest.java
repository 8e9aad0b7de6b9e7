package org.huzhu.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.huzhu.actuary.generate.PopulationGenerator;
import org.huzhu.actuary.generate.Shape;
import org.huzhu.actuary.population.Population;
import org.huzhu.actuary.population.PopulationWriter;
import org.huzhu.actuary.simulate.ClaimsCsv;
import org.huzhu.actuary.simulate.Scenario;
import org.huzhu.actuary.simulate.Simulation;
import org.huzhu.actuary.simulate.SimulationSummary;
import org.huzhu.actuary.simulate.SummaryJson;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.SubsidyEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job and the local {@code huzhu simulate} give the same answers: generated populations (several claims a
 * member, so carried histories change amounts) simulated by the actuary's {@link Simulation} on its threads and by
 * {@link SparkSimulation} on local[2] in 4 partitions give equal summaries (every figure: the records compare
 * field by field), the same summary.json bytes and the same claims.csv bytes (every entry's outcome, in order).
 */
class SparkSimulationMatchesLocalTest {
    static final Path REFORM = Path.of("../examples/reforms/shaoxing-70-40000.yaml");

    @TempDir
    Path dir;

    @Test
    void theShaoxingReformMatchesTheLocalSimulation() {
        Path population = generate("shaoxing", 2_500, 20_261_126L);
        SubsidyEngine baseline = SubsidyEngine.builder().parallelism(1).build();
        SubsidyEngine reform = SubsidyEngine.builder().parallelism(1).reform(REFORM).build();
        RulesetInfo info = reform.rulesets().stream().filter(r -> r.reform() != null).findFirst().orElseThrow();
        Outputs local = local(new Simulation(Scenario.of(baseline, "shaoxing@2015"),
                new Scenario(info.reform().name(), reform, "shaoxing@2015"), 2, 256), population);
        Outputs spark = spark(SimulationJob.plan(List.of(), "shaoxing@2015", null, REFORM, 1024), population);

        assertSame(local, spark);
        // The reform pays 70% up to 40,000 instead of 80% up to 50,000: it costs less, and some lose.
        assertThat(spark.summary().delta().signum()).isNegative();
        assertThat(spark.summary().claimOutcomes().losers()).isPositive();
        assertThat(spark.summary().reform().name()).isEqualTo("shaoxing-70-40000");
    }

    @Test
    void quzhou2016VersusQuzhou2015MatchesTheLocalSimulation() {
        Path population = generate("quzhou", 2_500, 7L);
        SubsidyEngine engine = SubsidyEngine.builder().parallelism(1).build();
        Outputs local = local(new Simulation(Scenario.of(engine, "quzhou@2015"), Scenario.of(engine, "quzhou@2016"),
                2, 1024), population);
        Outputs spark = spark(SimulationJob.plan(List.of(), "quzhou@2015", "quzhou@2016", null, 100), population);

        assertSame(local, spark);
        assertThat(spark.summary().byBand()).hasSizeGreaterThan(1);
    }

    private static void assertSame(Outputs local, Outputs spark) {
        SimulationSummary s = spark.summary();
        // Several claims a member: a member's later claims are decided on what the scenario paid before.
        assertThat(s.members()).isLessThan(s.claims() * 4 / 5);
        assertThat(s.baseline().decided()).isPositive();
        assertThat(s).isEqualTo(local.summary());
        assertThat(spark.summaryJson()).isEqualTo(local.summaryJson());
        assertThat(spark.claimsCsv()).isEqualTo(local.claimsCsv());
        assertThat(spark.claimsCsv().split("\n")).hasSize((int) s.claims() + 1);
    }

    /** A generated population as JSON Lines, sorted by member as the generator writes it. */
    private Path generate(String scheme, int claims, long seed) {
        Path file = dir.resolve(scheme + ".jsonl");
        try (PopulationWriter out = PopulationWriter.open(file)) {
            new PopulationGenerator(scheme, Shape.of(scheme), seed).stream(claims).forEach(out::write);
        }
        return file;
    }

    record Outputs(SimulationSummary summary, String summaryJson, String claimsCsv) {
    }

    static Outputs local(Simulation simulation, Path population) {
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        SimulationSummary summary;
        try (Population p = Population.open(population); ClaimsCsv out = new ClaimsCsv(rows)) {
            summary = simulation.run(p, out::write, done -> { });
        }
        return outputs(summary, rows);
    }

    static Outputs spark(SimulationJob job, Path population) {
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        SimulationSummary summary = new SparkSimulation(LocalSpark.session(), job, LocalSpark.PARTITIONS)
                .run(SparkPopulations.open(LocalSpark.session(), population.toString()), rows);
        return outputs(summary, rows);
    }

    private static Outputs outputs(SimulationSummary summary, ByteArrayOutputStream rows) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        SummaryJson.write(summary, json);
        return new Outputs(summary, json.toString(StandardCharsets.UTF_8), rows.toString(StandardCharsets.UTF_8));
    }
}
