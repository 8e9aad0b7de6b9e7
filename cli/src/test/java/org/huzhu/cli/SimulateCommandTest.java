package org.huzhu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.huzhu.actuary.report.HtmlReport;
import org.huzhu.cli.CliUsageTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code huzhu simulate} end to end on the actuary module's hand-worked Wujin population (its figures are worked out
 * in SimulationHandWorkedTest) against the wujin@2025 test fixture: the three files, the exit code for error rows,
 * the summary line, and bad usage as exit 2.
 */
class SimulateCommandTest {
    static final Path ACTUARY_FIXTURES = Path.of("..", "actuary", "src", "test", "resources", "simulate");
    static final Path POPULATION = ACTUARY_FIXTURES.resolve("wujin-hand-worked.jsonl");

    @TempDir
    Path dir;

    /**
     * A rulesets tree holding the bundled wujin@2024 and the wujin@2025 fixture that extends it (a folder version's
     * base is read from its own tree; the bundled rulesets are not on this module's classpath).
     */
    static Path rulesets(Path dir) {
        Path tree = dir.resolve("rulesets");
        copy(Path.of("..", "rulesets", "wujin"), tree.resolve("wujin"));
        copy(ACTUARY_FIXTURES.resolve("rulesets").resolve("wujin"), tree.resolve("wujin"));
        return tree;
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Run simulate(Path dir, Path out, String lang) {
        return CliUsageTest.huzhu("simulate", "--population", POPULATION.toString(), "--baseline", "wujin@2024",
                "--versus", "wujin@2025", "--out", out.toString(), "--lang", lang, "--rulesets",
                rulesets(dir).toString());
    }

    @Test
    void writesTheThreeOutputsAndExits1ForTheErrorRows() throws IOException {
        Path out = dir.resolve("out");
        Run run = simulate(dir, out, "en");
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("huzhu simulate: 10 claims of 5 members; wujin@2024 29500.00 yuan, "
                + "wujin@2025 24800.00 yuan, delta -4700.00 yuan; 3 and 3 errors (baseline: INVALID_INPUT 3); to "
                + out);

        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("claims").asLong()).isEqualTo(10);
        assertThat(summary.at("/baseline/cost").decimalValue()).isEqualByComparingTo("29500");
        assertThat(summary.at("/reform/cost").decimalValue()).isEqualByComparingTo("24800");
        assertThat(summary.get("delta").decimalValue()).isEqualByComparingTo("-4700");
        assertThat(summary.at("/baseline/payouts/p50").decimalValue()).isEqualByComparingTo("500");
        assertThat(summary.at("/reform/errorsByCode/INVALID_INPUT").asLong()).isEqualTo(3);

        List<String> rows = Files.readAllLines(out.resolve("claims.csv"));
        assertThat(rows).hasSize(11);
        assertThat(rows.get(0)).isEqualTo("claim_id,member_id,baseline_amount,reform_amount,delta,baseline_kinds,"
                + "reform_kinds,baseline_error,reform_error,band,baseline_pending,reform_pending,index,where");
        assertThat(rows.get(2)).isEqualTo("A2,A,500.00,200.00,-300.00,INPATIENT_SUBSIDY=500.00,"
                + "INPATIENT_SUBSIDY=200.00,,,\"[5000, 10000)\",,,1," + POPULATION + ":2");
        assertThat(rows.get(9)).startsWith("E2,E,,,,,,\"INVALID_INPUT: claim.claimDate: 2024-08-01 is before "
                + "2024-09-01");

        String report = Files.readString(out.resolve("report.html"));
        assertThat(report).startsWith("<!DOCTYPE html>").contains("<html lang=\"en\">",
                "Simulation: wujin@2024 (baseline) vs wujin@2025", "Licensed to the Apache Software Foundation");
        for (String chart : HtmlReport.CHARTS) {
            assertThat(report).contains("<div class=\"chart\" id=\"" + chart + "\"></div>");
        }
        // Self-contained: nothing is fetched from anywhere.
        assertThat(report).doesNotContain("<script src", "<link ", "http://cdn", "https://cdn");
    }

    @Test
    void theReportIsInChineseWithLangZh() throws IOException {
        Path out = dir.resolve("zh");
        Run run = simulate(dir, out, "zh");
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(Files.readString(out.resolve("report.html"))).contains("<html lang=\"zh-CN\">",
                "模拟测算：wujin@2024（基准）对比 wujin@2025", "总费用（元）", "得益");
    }

    /**
     * The example reform (examples/reforms/shaoxing-70-40000.yaml: 70%, 40,000 a year) on the hand-worked Shaoxing
     * member of SimulationHandWorkedTest: 2015 pays 48,250 + 2,100 = 50,350; the reform 40,250 + 100 = 40,350, its
     * cap spent by the first claim. Its scenario is named by the reform.
     */
    @Test
    void aReformFileIsTheOtherScenario() throws IOException {
        Path out = dir.resolve("reform-out");
        Run run = CliUsageTest.huzhu("simulate", "--population", ACTUARY_FIXTURES.resolve("shaoxing-cap.jsonl")
                        .toString(), "--baseline", "shaoxing@2015", "--reform",
                Path.of("..", "examples", "reforms", "shaoxing-70-40000.yaml").toString(), "--out", out.toString(),
                "--lang", "en", "--quiet", "--rulesets", Path.of("..", "rulesets").toString());
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.at("/baseline/cost").decimalValue()).isEqualByComparingTo("50350");
        assertThat(summary.at("/reform/cost").decimalValue()).isEqualByComparingTo("40350");
        assertThat(summary.at("/reform/name").asText()).isEqualTo("shaoxing-70-40000");
        assertThat(Files.readAllLines(out.resolve("claims.csv")).get(2)).startsWith("S-2,M-S,2100.00,100.00,-2000.00,");

        Run both = CliUsageTest.huzhu("simulate", "--population", POPULATION.toString(), "--baseline", "wujin@2024",
                "--versus", "wujin@2025", "--reform", "x.yaml", "--out", out.toString());
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("give exactly one of --versus ID@VERSION and --reform FILE");
        Run otherBase = CliUsageTest.huzhu("simulate", "--population", POPULATION.toString(), "--baseline",
                "wujin@2024", "--reform", Path.of("..", "examples", "reforms", "shaoxing-70-40000.yaml").toString(),
                "--out", out.toString(), "--rulesets", Path.of("..", "rulesets").toString());
        assertThat(otherBase.exit()).isEqualTo(2);
        assertThat(otherBase.err()).contains("changes shaoxing@2015, not the baseline wujin@2024");
    }

    @Test
    void badUsageIsExit2() throws IOException {
        String tree = rulesets(dir).toString();
        String population = POPULATION.toString();
        String out = dir.resolve("out").toString();
        Run unpinned = CliUsageTest.huzhu("simulate", "--population", population, "--baseline", "wujin",
                "--versus", "wujin@2025", "--out", out, "--rulesets", tree);
        assertThat(unpinned.exit()).isEqualTo(2);
        assertThat(unpinned.err()).contains("--baseline must name a version, ID@VERSION");

        Run schemes = CliUsageTest.huzhu("simulate", "--population", population, "--baseline", "wujin@2024",
                "--versus", "shaoxing@2015", "--out", out, "--rulesets", tree);
        assertThat(schemes.exit()).isEqualTo(2);
        assertThat(schemes.err()).contains("versions of different schemes");

        Run unknown = CliUsageTest.huzhu("simulate", "--population", population, "--baseline", "wujin@2024",
                "--versus", "wujin@2030", "--out", out, "--rulesets", tree);
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("wujin@2030 is not loaded", "wujin@2024", "wujin@2025");

        Run missing = CliUsageTest.huzhu("simulate", "--population", dir.resolve("none.csv").toString(),
                "--baseline", "wujin@2024", "--versus", "wujin@2025", "--out", out, "--rulesets", tree);
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("none.csv: does not exist");

        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Run notFolder = CliUsageTest.huzhu("simulate", "--population", population, "--baseline", "wujin@2024",
                "--versus", "wujin@2025", "--out", file.toString(), "--rulesets", tree);
        assertThat(notFolder.exit()).isEqualTo(2);
        assertThat(notFolder.err()).contains("is a file, not a folder");
        assertThat(Files.exists(dir.resolve("out"))).isFalse();
    }
}
