package org.huzhu.actuary.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.huzhu.actuary.generate.PopulationGenerator;
import org.huzhu.actuary.generate.Shape;
import org.huzhu.actuary.population.Population;
import org.huzhu.actuary.population.PopulationWriter;
import org.huzhu.api.SubsidyEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outputs do not depend on how the work is cut or in which format the population comes: 3,000 generated Wujin
 * claims (each with its own amounts) simulated against the wujin@2025 fixture on one thread in chunks of 1,024 and on
 * four threads in chunks of 37 give the same bytes of the per-claim CSV and of the summary; the same claims read as
 * CSV and as JSON Lines give the same summary and the same rows but for the source lines they name.
 */
class SimulationEquivalenceTest {
    @TempDir
    static Path dir;
    static Path csv;
    static Path jsonl;

    @BeforeAll
    static void population() {
        PopulationGenerator wujin = new PopulationGenerator("wujin", Shape.of("wujin"), 20_260_101L);
        csv = dir.resolve("wujin.csv");
        jsonl = dir.resolve("wujin.jsonl");
        for (Path file : List.of(csv, jsonl)) {
            try (PopulationWriter out = PopulationWriter.open(file)) {
                wujin.stream(3_000).forEach(out::write);
            }
        }
    }

    /** The per-claim CSV and the summary JSON of one run. */
    record Outputs(String claims, String summary, SimulationSummary figures) {
    }

    static Outputs run(Path population, int threads, int chunk) {
        SubsidyEngine engine = FixtureEngine.engine();
        Simulation simulation = new Simulation(Scenario.of(engine, "wujin@2024"), Scenario.of(engine, "wujin@2025"),
                threads, chunk);
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        SimulationSummary summary;
        try (Population p = Population.open(population); ClaimsCsv out = new ClaimsCsv(rows)) {
            summary = simulation.run(p, out::write, done -> { });
        }
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        SummaryJson.write(summary, json);
        return new Outputs(rows.toString(StandardCharsets.UTF_8), json.toString(StandardCharsets.UTF_8), summary);
    }

    @Test
    void parallelMatchesSequential() {
        Outputs sequential = run(jsonl, 1, 1024);
        Outputs parallel = run(jsonl, 4, 37);
        // Not a comparison of two empty runs: the population has members paid more, less and the same.
        assertThat(sequential.figures().claims()).isEqualTo(3_000);
        assertThat(sequential.figures().claimOutcomes().winners()).isPositive();
        assertThat(sequential.figures().claimOutcomes().losers()).isPositive();
        assertThat(sequential.figures().claimOutcomes().unchanged()).isPositive();
        assertThat(sequential.figures().members()).isBetween(1_000L, 3_000L);
        assertThat(parallel.claims()).isEqualTo(sequential.claims());
        assertThat(parallel.summary()).isEqualTo(sequential.summary());
    }

    @Test
    void csvAndJsonLinesGiveTheSameSummary() throws Exception {
        Outputs fromCsv = run(csv, 2, 256);
        Outputs fromJsonl = run(jsonl, 2, 256);
        assertThat(fromCsv.figures().baseline().decided()).isEqualTo(3_000);
        assertThat(fromCsv.summary()).isEqualTo(fromJsonl.summary());
        // Row by row the same, but for the last column, where: claims.csv:2-3 against claims.jsonl:1.
        assertThat(withoutWhere(fromCsv.claims())).isEqualTo(withoutWhere(fromJsonl.claims()));
        assertThat(Files.size(csv)).isNotEqualTo(Files.size(jsonl));
    }

    private static List<String> withoutWhere(String rows) {
        return Arrays.stream(rows.split("\n")).map(r -> r.substring(0, r.lastIndexOf(','))).toList();
    }
}
