package org.huzhu.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.huzhu.actuary.population.Population;
import org.huzhu.actuary.population.PopulationEntry;
import org.huzhu.api.EvaluationError;
import org.huzhu.api.EvaluationResult;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.api.json.HuzhuJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decisions per claim on Spark equal the engine's own: the sample population (twelve claims of every bundled scheme)
 * with a line that is not JSON and a claim with a negative amount, cut into four partitions, decided by the job's
 * engine on the executors and by an engine in this JVM, entry by entry.
 */
class SparkEvaluationMatchesLocalTest {
    @TempDir
    Path dir;

    private Path population() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("../examples/populations/claims.jsonl")));
        String badAmount = lines.get(0).replace("\"coPay\":9000", "\"coPay\":-5");
        assertThat(badAmount).isNotEqualTo(lines.get(0));
        lines.add(3, "{not json");
        lines.add(badAmount);
        Path file = dir.resolve("claims.jsonl");
        Files.write(file, lines);
        return file;
    }

    private static List<DecisionRow> onSpark(EvaluationJob job, Path population) {
        List<DecisionRow> rows = new ArrayList<>(new SparkEvaluation(LocalSpark.session(), job)
                .decisions(SparkPopulations.open(LocalSpark.session(), population.toString())
                        .repartition(LocalSpark.PARTITIONS))
                .collectAsList());
        rows.sort(Comparator.comparingLong(DecisionRow::getIndex));
        return rows;
    }

    @Test
    void everyEntryIsDecidedAsTheEngineDecidesItHere() throws IOException {
        Path population = population();
        List<DecisionRow> rows = onSpark(EvaluationJob.plan(List.of(), null, 3), population);

        SubsidyEngine engine = SubsidyEngine.builder().parallelism(1).build();
        List<PopulationEntry> entries = new ArrayList<>();
        try (Population p = Population.open(population)) {
            p.forEachRemaining(entries::add);
        }
        assertThat(entries).hasSize(14);
        assertThat(rows).hasSize(14);
        for (int i = 0; i < entries.size(); i++) {
            PopulationEntry e = entries.get(i);
            DecisionRow row = rows.get(i);
            assertThat(row.getIndex()).isEqualTo(i);
            assertThat(row.getWhere()).isEqualTo(e.where());
            EvaluationError error = e.error();
            if (error == null) {
                EvaluationResult r = engine.evaluateAll(List.of(e.request())).get(0);
                error = r.error();
                if (error == null) {
                    assertThat(row.getErrorCode()).as(row.getWhere()).isNull();
                    assertThat(row.getDecision()).as(row.getWhere()).isEqualTo(HuzhuJson.write(r.decision()));
                    assertThat(row.getRulesetHash()).isEqualTo(r.decision().rulesetHash());
                    continue;
                }
            }
            assertThat(row.getDecision()).as(row.getWhere()).isNull();
            assertThat(row.getErrorCode()).as(row.getWhere()).isEqualTo(error.code().name());
            assertThat(row.getErrorField()).as(row.getWhere()).isEqualTo(error.field());
        }
        // Line 4 is not JSON; the last line has coPay -5.
        assertThat(rows.get(3).getErrorCode()).isEqualTo("INVALID_INPUT");
        assertThat(rows.get(13).getErrorField()).endsWith("claim.stays[0].coPay");
        // SX-2015-0008: self-pay 1,887.99 + 400 = 2,287.99 × 80% = 1,830.39 → 1,830, and 10 days × 25 = 250.
        DecisionRow shaoxing = rows.stream().filter(r -> "SX-2015-0008".equals(r.getClaimId())).findFirst()
                .orElseThrow();
        assertThat(new BigDecimal(shaoxing.getTotal())).isEqualByComparingTo("2080");
        assertThat(shaoxing.getReform()).isNull();
    }

    /** The reform travels with the job: 2,287.99 × 70% = 1,601.59 → 1,601, + 250 = 1,851, stamped with its name. */
    @Test
    void aReformInTheJobDecidesInPlaceOfItsBase() throws IOException {
        List<DecisionRow> rows = onSpark(EvaluationJob.plan(List.of(), SparkSimulationMatchesLocalTest.REFORM, 1024),
                population());
        DecisionRow shaoxing = rows.stream().filter(r -> "SX-2015-0008".equals(r.getClaimId())).findFirst()
                .orElseThrow();
        assertThat(new BigDecimal(shaoxing.getTotal())).isEqualByComparingTo("1851");
        assertThat(shaoxing.getReform()).isEqualTo("shaoxing-70-40000");
        DecisionRow wujin = rows.get(0);
        assertThat(wujin.getScheme()).isEqualTo("wujin");
        assertThat(wujin.getReform()).isNull();
    }
}
