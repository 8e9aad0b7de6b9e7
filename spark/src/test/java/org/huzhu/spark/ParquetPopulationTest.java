package org.huzhu.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.huzhu.actuary.population.Population;
import org.huzhu.actuary.population.PopulationEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A population read once (here the example JSON Lines, every scheme's claim) and kept as Parquet reads back as the
 * same entries: what a job that runs many reforms over one population reads instead of parsing the text again.
 */
class ParquetPopulationTest {
    @TempDir
    Path dir;

    @Test
    void parquetKeepsEveryEntry() {
        String jsonl = "../examples/populations/claims.jsonl";
        String parquet = dir.resolve("claims.parquet").toString();
        SparkPopulations.open(LocalSpark.session(), jsonl).write().parquet(parquet);
        List<String> read = SparkPopulations.open(LocalSpark.session(), parquet).orderBy("index").collectAsList()
                .stream().map(r -> describe(r.entry())).toList();
        List<String> local = new ArrayList<>();
        try (Population p = Population.open(Path.of(jsonl))) {
            p.forEachRemaining(e -> local.add(describe(e)));
        }
        assertThat(local).hasSize(12);
        assertThat(read).isEqualTo(local);
    }

    private static String describe(PopulationEntry e) {
        return e.index() + " " + e.where() + " " + e.claimId() + " "
                + (e.failed() ? e.error().toString() : org.huzhu.api.json.HuzhuJson.write(e.request()));
    }
}
