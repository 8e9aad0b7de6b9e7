package org.huzhu.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.huzhu.actuary.generate.PopulationGenerator;
import org.huzhu.actuary.generate.Shape;
import org.huzhu.actuary.population.Population;
import org.huzhu.actuary.population.PopulationWriter;
import org.huzhu.actuary.simulate.Scenario;
import org.huzhu.actuary.simulate.Simulation;
import org.huzhu.actuary.simulate.SimulationFiles;
import org.huzhu.api.Language;
import org.huzhu.api.SubsidyEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spark-submit entry point writes the three files {@code huzhu simulate} writes, the same bytes, and refuses bad
 * usage with exit 2 naming the option.
 */
class SparkSimulateTest {
    @TempDir
    Path dir;

    @Test
    void itWritesTheLocalToolsFiles() throws IOException {
        Path population = dir.resolve("quzhou.csv");
        try (PopulationWriter out = PopulationWriter.open(population)) {
            new PopulationGenerator("quzhou", Shape.of("quzhou"), 99L).stream(300).forEach(out::write);
        }
        LocalSpark.session();      // running before the entry point starts: it must use it and leave it running
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SparkSimulate.run(new String[] {"--population", population.toString(), "--baseline", "quzhou@2015",
                "--versus", "quzhou@2016", "--out", dir.resolve("spark").toString(), "--partitions", "3",
                "--lang", "en"}, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("huzhu spark simulate: 300 claims of ");
        assertThat(exit).isEqualTo(SparkSimulate.EXIT_OK);

        SubsidyEngine engine = SubsidyEngine.builder().build();
        try (Population p = Population.open(population)) {
            SimulationFiles.write(new Simulation(Scenario.of(engine, "quzhou@2015"), Scenario.of(engine, "quzhou@2016")),
                    p, dir.resolve("local"), Language.EN, done -> { });
        }
        for (String file : new String[] {SimulationFiles.SUMMARY, SimulationFiles.CLAIMS, SimulationFiles.REPORT}) {
            assertThat(Files.readString(dir.resolve("spark").resolve(file)))
                    .as(file).isEqualTo(Files.readString(dir.resolve("local").resolve(file)));
        }
        // The test's shared session was used and left running.
        assertThat(LocalSpark.session().sparkContext().isStopped()).isFalse();
    }

    @Test
    void badUsageIsExitTwoNamingTheOption() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SparkSimulate.run(new String[] {"--population", "x.jsonl", "--baseline", "quzhou@2015", "--versus",
                "quzhou@2016"}, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(SparkSimulate.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--out is required");

        err.reset();
        exit = SparkSimulate.run(new String[] {"--population", "x.jsonl", "--baseline", "quzhou@2015", "--versus",
                "shaoxing@2015", "--out", dir.toString()}, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(SparkSimulate.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("different schemes");
    }
}
