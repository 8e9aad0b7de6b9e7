package org.huzhu.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.huzhu.cli.CliLoadingTest.huzhu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.huzhu.engine.TestRulesets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code huzhu list} shows what each version extends; {@code huzhu show} what is in force and where it is from. */
class ShowCliTest {
    @TempDir
    Path dir;
    Path base;
    Path ext;

    @BeforeEach
    void twoVersions() throws IOException {
        // flat@1 (TestRulesets: FLAT pays the money parameter amount = 100, from 2020-01-01, open-ended) is closed
        // at 2020-12-31 so that flat@2 can follow it.
        base = dir.resolve("flat/1");
        CliLoadingTest.ruleset(base, "flat");
        Files.writeString(base.resolve("ruleset.yaml"), Files.readString(base.resolve("ruleset.yaml"))
                .replace("effective: {from: 2020-01-01}", "effective: {from: 2020-01-01, to: 2020-12-31}"));
        Files.writeString(base.resolve("cases/flat.yaml"), CliLoadingTest.CASES.replace("2024-03-01", "2020-03-01"));
        ext = dir.resolve("flat/2");
        Files.createDirectories(ext.resolve("cases"));
        Files.writeString(ext.resolve("ruleset.yaml"), """
                scheme: flat
                version: "2"
                extends: flat@1
                name: {zh: 第二版, en: Second}
                effective: {from: 2021-01-01}
                """);
        Files.writeString(ext.resolve("parameters.yaml"), """
                amount:
                  type: money
                  value: 250
                  provenance: {label: seed, clause: 提高到250元, source: notice 2}
                """);
        Files.writeString(ext.resolve("cases/flat.yaml"), CliLoadingTest.CASES.replace("2024-03-01", "2021-03-01")
                .replace("FLAT: 100", "FLAT: 250"));
    }

    @Test
    void listShowsTheBaseOfEachVersion() {
        CliLoadingTest.Run run = huzhu("list", "--rulesets", dir.toString());
        assertThat(run.exit()).isZero();
        java.util.List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).matches("RULESET +VERSION +FROM +TO +EXTENDS +SHA-256 +SOURCE +NAME");
        assertThat(lines.get(1)).matches("flat +1 +2020-01-01 +2020-12-31 +- +[0-9a-f]{16} +folder +测试 / Test");
        assertThat(lines.get(2)).isEqualTo("  from " + base);
        assertThat(lines.get(3)).matches("flat +2 +2021-01-01 +\\(open\\) +flat@1 +[0-9a-f]{16} +folder +第二版 / Second");
        assertThat(lines.get(4)).isEqualTo("  from " + ext + ", extending flat@1 from " + base);
    }

    @Test
    void showPrintsEachParameterAndRuleFileWithTheVersionItComesFrom() {
        CliLoadingTest.Run run = huzhu("show", "flat@2", "--rulesets", dir.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("flat@2  第二版 / Second\n  extends   flat@1\n"
                + "  effective 2021-01-01 .. (open)\n  rounding  to the fen, half-up\n  grammar   DRL grammar 1\n"
                + "  origin    " + ext + "\n"
                + "  base from " + base + "\n"
                + "  sha-256   ");
        assertThat(run.out()).endsWith("""

                parameters (1):
                  amount = 250  (money, from flat@2)
                      an amount
                      [seed] notice 2
                      clause: 提高到250元

                rule files (1):
                  rules/main.drl  (from flat@1)  %s/rules/main.drl
                """.formatted(base));
        // The case in the extension's own folder runs against it: 250, not the base's 100.
        assertThat(huzhu("test", dir.toString()).out()).contains("2 passed, 0 failed");
    }

    @Test
    void showAsJson() throws IOException {
        CliLoadingTest.Run run = huzhu("show", "flat@2", "--format", "json", "--rulesets", dir.toString());
        assertThat(run.exit()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("id").asText()).isEqualTo("flat@2");
        assertThat(json.get("extends").asText()).isEqualTo("flat@1");
        assertThat(json.get("contentHash").asText()).hasSize(64);
        JsonNode amount = json.get("parameters").get(0);
        assertThat(amount.get("name").asText()).isEqualTo("amount");
        assertThat(amount.get("value").decimalValue()).isEqualByComparingTo("250");
        assertThat(amount.get("from").asText()).isEqualTo("flat@2");
        assertThat(amount.get("provenance").get("clause").asText()).isEqualTo("提高到250元");
        assertThat(json.get("ruleFiles").get(0).get("from").asText()).isEqualTo("flat@1");
    }

    @Test
    void showWithoutAVersionListsTheVersions() {
        CliLoadingTest.Run run = huzhu("show", "flat", "--rulesets", dir.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("huzhu: error: show needs ID@VERSION, not 'flat'; versions: flat@1, flat@2\n");
        assertThat(huzhu("show", "flat@9", "--rulesets", dir.toString()).err())
                .isEqualTo("huzhu: error: no ruleset flat@9; versions: flat@1, flat@2\n");
    }

    @Test
    void anExtensionWhoseBaseIsMissingIsARefusedRulesetNamingItsFile() throws IOException {
        Files.writeString(ext.resolve("ruleset.yaml"), Files.readString(ext.resolve("ruleset.yaml"))
                .replace("flat@1", "flat@0"));
        CliLoadingTest.Run run = huzhu("list", "--rulesets", dir.toString());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).startsWith("huzhu: ruleset refused: " + ext + "/ruleset.yaml: extends flat@0, which "
                + "is not among the rulesets of " + dir);
        // test reports it as the extension's failure; the base's cases still run.
        CliLoadingTest.Run test = huzhu("test", dir.toString());
        assertThat(test.exit()).isEqualTo(1);
        assertThat(test.out()).contains("FAIL " + ext + ": ruleset refused").contains("1 passed, 1 failed");
    }
}
