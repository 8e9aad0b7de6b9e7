package org.huzhu.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.huzhu.actuary.generate.PopulationGenerator;
import org.huzhu.actuary.generate.Shape;
import org.huzhu.actuary.population.Population;
import org.huzhu.actuary.population.PopulationEntry;
import org.huzhu.actuary.population.PopulationWriter;
import org.huzhu.actuary.simulate.Scenario;
import org.huzhu.actuary.simulate.Simulation;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.SubsidyEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV population read by Spark in 25 splits, claims' rows straddling splits, gives the entries the stream reader
 * gives (index, source lines, claim id, request or error), and simulates to the local tool's outputs.
 */
class CsvPopulationOnSparkTest {
    static final int SPLITS = 25;

    @TempDir
    static Path dir;
    static Path csv;

    /** 1,500 generated Wujin claims (some of several stays), one value made bad, blank lines among the rows. */
    @BeforeAll
    static void population() throws IOException {
        Path generated = dir.resolve("generated.csv");
        try (PopulationWriter out = PopulationWriter.open(generated)) {
            new PopulationGenerator("wujin", Shape.of("wujin"), 11L).stream(1_500).forEach(out::write);
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(generated));
        // Line 101 (a stay row) gets co_pay "abc": its claim becomes an error naming line and column.
        int coPay = List.of(lines.get(0).split(",")).indexOf("co_pay");
        String[] row = lines.get(100).split(",", -1);
        row[coPay] = "abc";
        lines.set(100, String.join(",", row));
        lines.add(500, "");
        lines.add(900, "   ");
        csv = dir.resolve("wujin.csv");
        Files.write(csv, lines);
    }

    @Test
    void sparkReadsTheEntriesTheStreamReaderReads() {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(LocalSpark.session().sparkContext());
        assertThat(CsvParts.plan(jsc.textFile(csv.toString(), SPLITS), csv.toString()).continued()).isPositive();
        List<String> spark = SparkPopulations.csv(LocalSpark.session(), csv.toString(), SPLITS)
                .orderBy("index").collectAsList().stream().map(r -> describe(r.entry())).toList();
        List<String> local = new ArrayList<>();
        try (Population p = Population.open(csv)) {
            p.forEachRemaining(e -> local.add(describe(e)));
        }
        assertThat(local).hasSize(1_500);
        assertThat(local).anyMatch(d -> d.contains(csv + ":101: column co_pay: expected an amount"));
        assertThat(spark).isEqualTo(local);
    }

    /** Wujin has one version: compared with itself, every figure but the delta is still the local tool's. */
    @Test
    void aCsvPopulationSimulatesAsLocally() {
        SubsidyEngine engine = SubsidyEngine.builder().parallelism(1).build();
        SparkSimulationMatchesLocalTest.Outputs local = SparkSimulationMatchesLocalTest.local(new Simulation(
                Scenario.of(engine, "wujin@2024"), Scenario.of(engine, "wujin@2024")), csv);
        SparkSimulationMatchesLocalTest.Outputs spark = SparkSimulationMatchesLocalTest.spark(
                SimulationJob.plan(List.of(), "wujin@2024", "wujin@2024", null, 1024), csv);
        assertThat(spark.summary()).isEqualTo(local.summary());
        assertThat(spark.claimsCsv()).isEqualTo(local.claimsCsv());
        assertThat(spark.summary().baseline().errors()).isEqualTo(1);
        assertThat(spark.summaryJson()).isEqualTo(local.summaryJson());
    }

    @Test
    void aRefusedHeaderIsAnErrorNamingTheColumn() throws IOException {
        Path bad = dir.resolve("bad-header.csv");
        Files.writeString(bad, "row_type,ruleset,claim_idd,claim_date,member_id,admission_date,co_pay\n");
        assertThatThrownBy(() -> SparkPopulations.csv(LocalSpark.session(), bad.toString()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown column claim_idd")
                .hasMessageContaining("missing required column claim_id");
    }

    private static String describe(PopulationEntry e) {
        return e.index() + " " + e.where() + " " + e.claimId() + " "
                + (e.failed() ? e.error().toString() : org.huzhu.api.json.HuzhuJson.write(e.request()));
    }
}
