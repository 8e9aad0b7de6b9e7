package org.huzhu.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.huzhu.actuary.simulate.Simulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rulesets and reforms travel by content and are checked by hash: a file whose bytes do not match the hash read on
 * the driver is refused before any engine is built, and so is a bundle that loads other rulesets than the driver's.
 */
class RulesetBundleTest {
    @TempDir
    Path dir;

    @Test
    void aFolderAndAReformTravelAndLoadAsOnTheDriver() {
        SimulationJob job = SimulationJob.plan(List.of(Path.of("../rulesets")), "shaoxing@2015", null,
                SparkSimulationMatchesLocalTest.REFORM, 1024);
        List<String> paths = job.bundle().files().stream().map(RulesetBundle.BundledFile::path).toList();
        assertThat(paths).contains("folders/0/shaoxing/2015/ruleset.yaml", "folders/0/wujin/2024/parameters.yaml",
                "reform/shaoxing-70-40000.yaml");
        assertThat(paths).noneMatch(p -> p.contains("/target/") || p.contains("/src/"));
        Simulation simulation = job.simulation();
        assertThat(simulation.reform().name()).isEqualTo("shaoxing-70-40000");
        // The folder's shaoxing@2015 replaces the bundled one, the reform replaces it: both listed on each side.
        assertThat(job.loaded()).anyMatch(l -> l.startsWith("other: shaoxing@2015 reform shaoxing-70-40000 "));
    }

    @Test
    void aFileWhoseBytesChangedIsRefused() {
        RulesetBundle read = RulesetBundle.read(List.of(), SparkSimulationMatchesLocalTest.REFORM);
        RulesetBundle.BundledFile reform = read.files().get(0);
        byte[] changed = new String(reform.content(), StandardCharsets.UTF_8).replace("0.70", "0.60")
                .getBytes(StandardCharsets.UTF_8);
        RulesetBundle tampered = new RulesetBundle(List.of(new RulesetBundle.BundledFile(reform.path(), changed,
                reform.sha256())), 0, read.reform());
        assertThatThrownBy(() -> tampered.materialize(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reform/shaoxing-70-40000.yaml has SHA-256")
                .hasMessageContaining("not " + reform.sha256());
    }

    @Test
    void aBundleThatLoadsOtherRulesetsThanTheDriverIsRefused() {
        SimulationJob planned = SimulationJob.plan(List.of(), "quzhou@2015", "quzhou@2016", null, 1024);
        List<String> driver = new ArrayList<>(planned.loaded());
        String quzhou2016 = driver.stream().filter(l -> l.startsWith("baseline: quzhou@2016 ")).findFirst()
                .orElseThrow();
        driver.set(driver.indexOf(quzhou2016), "baseline: quzhou@2016 " + "0".repeat(64));
        SimulationJob differs = new SimulationJob(planned.bundle(), "quzhou@2015", "quzhou@2016", 1024, driver);
        assertThatThrownBy(differs::simulation).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("differ from the driver's")
                .hasMessageContaining(quzhou2016.substring("baseline: ".length()));
    }
}
