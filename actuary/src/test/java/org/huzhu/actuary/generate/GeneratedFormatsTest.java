package org.huzhu.actuary.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.huzhu.actuary.population.Population;
import org.huzhu.actuary.population.PopulationEntry;
import org.huzhu.actuary.population.PopulationWriter;
import org.huzhu.api.EvaluationRequest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A generated population written as CSV and as JSON Lines reads back, through the population readers, to its claims. */
class GeneratedFormatsTest {
    @TempDir
    Path dir;

    static List<String> schemes() {
        return Shape.bundledSchemes();
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void csvAndJsonLinesOfTheSameSeedReadBackToTheSameRequests(String scheme) throws IOException {
        PopulationGenerator g = new PopulationGenerator(scheme, Shape.of(scheme), 1_000_003L);
        Path csv = dir.resolve(scheme + ".csv");
        Path jsonl = dir.resolve(scheme + ".jsonl");
        for (Path file : List.of(csv, jsonl)) {
            try (PopulationWriter out = PopulationWriter.open(file)) {
                g.stream(2_000).forEach(out::write);
            }
        }
        List<EvaluationRequest> generated = g.stream(2_000).toList();
        assertThat(read(csv)).isEqualTo(generated);
        assertThat(read(jsonl)).isEqualTo(generated);
    }

    private static List<EvaluationRequest> read(Path file) {
        List<EvaluationRequest> requests = new ArrayList<>();
        try (Population population = Population.open(file)) {
            while (population.hasNext()) {
                PopulationEntry e = population.next();
                assertThat(e.error()).as(e.where()).isNull();
                assertThat(e.index()).isEqualTo(requests.size());
                requests.add(e.request());
            }
        }
        return requests;
    }
}
