package org.huzhu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.huzhu.api.json.HuzhuJson;
import org.huzhu.testkit.CaseFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code huzhu diff}: which cases change between two versions, a working copy or a reform, each expectation worked
 * out from the versions' parameters (quzhou 2015: tiers 0 / 40 / 45 / 50% from 0 / 500 / 5,000 / 10,000, no
 * minimum; 2016: 40 / 45 / 50% from 0 / 5,000 / 10,000, a payout above 0 and below 50 raised to 50; the same rules).
 */
class DiffCommandTest {
    static final String RULESETS = CliUsageTest.RULESETS;
    static final Path QUZHOU = Path.of(RULESETS, "quzhou");
    static final Path REFORM = Path.of("..", "examples", "reforms", "shaoxing-70-40000.yaml");

    @TempDir
    Path dir;

    static CliUsageTest.Run huzhu(String... args) {
        return CliUsageTest.huzhu(args);
    }

    static JsonNode json(CliUsageTest.Run run) {
        return HuzhuJson.read(run.out(), JsonNode.class, "diff output");
    }

    /** Case name → the entry of the JSON report, for the changed ones. */
    static Map<String, JsonNode> changed(JsonNode report) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        report.get("entries").forEach(e -> {
            assertThat(e.get("status").asText()).isEqualTo("changed");
            out.put(e.get("case").asText(), e);
        });
        return out;
    }

    /** Every case name under {@code folder}, read from the case files (the input, not the tool's output). */
    static List<String> caseNames(Path folder) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml") && p.getParent().endsWith("cases"))
                    .sorted().toList()) {
                CaseFiles.read(f, "quzhou@2015").forEach(c -> names.add(c.name()));
            }
        }
        return names;
    }

    /**
     * The done-when. Of the 52 Quzhou cases, 7 keep their outcome under both versions, worked out by hand:
     * three members not enrolled (NOT_ENROLLED under both), two with a base of 0 (only 自费, only special outpatient:
     * 0 under both, the minimum is for a payout above 0), and "100 (paid 50), then 10": the period's base 110 pays 0
     * in 2015 (inside the 500 deductible) and 44 → 50 in 2016, less the 50 paid = 0 under both. Every other case has
     * a base above 0 that the deductible's removal pays 40% more of (at most 500 × 40% = 200 more) or the minimum
     * raises; summed by hand, the changes come to +7,102.00.
     */
    @Test
    void quzhou2015To2016ListsEveryChangedCaseAndFailOnChangeExits1() throws IOException {
        CliUsageTest.Run run = huzhu("diff", "--from", "quzhou@2015", "--to", "quzhou@2016", "--cases",
                QUZHOU.toString(), "--format", "json", "--lang", "en", "--rulesets", RULESETS);
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode report = json(run);
        Set<String> unchanged = Set.of(
                "a member not enrolled for the period is refused",
                "only 自费 items: base 0 → 0",
                "the minimum is paid once a period: 100 (paid 50), then 10 → 0",
                "only a special-outpatient bill: base 0 → 0, and the minimum does not apply",
                "base 0 (only 自费) → 0: the minimum is for a payout above 0",
                "a claim dated before 2015 is outside every version");
        List<String> all = caseNames(QUZHOU);
        assertThat(all).hasSize(52);
        // The two "not enrolled" cases (2015 and 2016 period files) share a name: 7 cases, 6 names.
        assertThat(all.stream().filter(unchanged::contains)).hasSize(7);
        // Names, not a set: two changed cases share one ("a stay of this claim admitted in the previous period ...").
        List<String> changedNames = new ArrayList<>();
        report.get("entries").forEach(e -> changedNames.add(e.get("case").asText()));
        assertThat(changedNames).containsExactlyInAnyOrderElementsOf(all.stream()
                .filter(n -> !unchanged.contains(n)).toList());
        Map<String, JsonNode> changed = changed(report);

        JsonNode summary = report.get("summary");
        assertThat(summary.get("entries").asInt()).isEqualTo(52);
        assertThat(summary.get("compared").asInt()).isEqualTo(52);
        assertThat(summary.get("changed").asInt()).isEqualTo(45);
        assertThat(summary.get("unchanged").asInt()).isEqualTo(7);
        assertThat(summary.get("skipped").asInt()).isZero();
        assertThat(summary.get("unreadable").asInt()).isZero();
        assertThat(summary.at("/errors/from").asInt()).isZero();
        assertThat(summary.at("/errors/to").asInt()).isZero();
        // What-ifs: 2015 is in force 2015-01-01..2015-12-31, so the 21 cases of the 2016 folder and 7 of the
        // version switch (2016-01-01, 2016-01-01, 2016-03-01 twice, 2016-06-01, 2014-04-01, 2024-06-01) are what-ifs
        // under it; 2016 is in force from 2016-01-01: the 21 cases of the 2015 folder and 4 of the switch
        // (2015-12-31 twice, 2015-06-01, 2014-04-01) are what-ifs under it.
        assertThat(summary.at("/whatIfs/from").asInt()).isEqualTo(28);
        assertThat(summary.at("/whatIfs/to").asInt()).isEqualTo(25);
        assertThat(summary.at("/total/delta").decimalValue()).isEqualByComparingTo("7102.00");

        // Both outcomes, worked by hand. Cumulative 200, paid 50: 2015 pays 0 (inside the deductible), 2016 80 − 50.
        JsonNode minimum = changed.get("after the minimum: 100 (paid 50), then 100 → 200 × 40% = 80, less 50 = 30");
        assertThat(minimum.at("/from/total").decimalValue()).isEqualByComparingTo("0");
        assertThat(minimum.at("/from/whatIf").asBoolean()).isTrue();
        assertThat(minimum.at("/to/total").decimalValue()).isEqualByComparingTo("30");
        assertThat(minimum.at("/to/whatIf").asBoolean()).isFalse();
        assertThat(minimum.at("/to/benefits/0/kind").asText()).isEqualTo("REIMBURSEMENT");
        assertThat(minimum.get("changes")).extracting(JsonNode::asText)
                .containsExactly("total", "benefits.REIMBURSEMENT");
        // 500.01: 2015 pays 0.01 × 40% = 0.004 → 0.00; 2016 pays 500.01 × 40% = 200.004 → 200.00.
        JsonNode boundary = changed.get("boundary: base 500.01 → 0.01 × 40% = 0.004 → 0.00");
        assertThat(boundary.at("/from/total").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(boundary.at("/to/total").decimalValue()).isEqualByComparingTo("200.00");
        // 130: 2015 pays 0; 2016 130 × 40% = 52, above the minimum.
        JsonNode tiers = changed.get("base 130 → 52: above the minimum, the tiers pay");
        assertThat(tiers.at("/from/total").decimalValue()).isEqualByComparingTo("0");
        assertThat(tiers.at("/to/total").decimalValue()).isEqualByComparingTo("52");
        // The pinned case that errs without a what-if is a what-if here: 2015 terms 6,050 against 6,250.
        JsonNode pinned = changed.get("pinned quzhou@2015 on a claim dated 2016-03-01, without a what-if, is refused");
        assertThat(pinned.at("/from/total").decimalValue()).isEqualByComparingTo("6050");
        assertThat(pinned.at("/to/total").decimalValue()).isEqualByComparingTo("6250");

        CliUsageTest.Run guard = huzhu("diff", "--from", "quzhou@2015", "--to", "quzhou@2016", "--cases",
                QUZHOU.toString(), "--fail-on-change", "--lang", "en", "--rulesets", RULESETS);
        assertThat(guard.exit()).as(guard.err()).isEqualTo(1);
        assertThat(guard.out().lines().filter(l -> l.startsWith("CHANGED "))).hasSize(45);
        assertThat(guard.out()).contains("52 entries: 52 compared, 45 changed, 7 unchanged; 0 of other schemes "
                + "skipped, 0 unreadable", "what-ifs: 28 under quzhou@2015, 25 under quzhou@2016", "(+7,102.00)");
        assertThat(guard.out()).contains("CHANGED " + QUZHOU.resolve("2016/cases/period.yaml")
                + " \"after the minimum: 100 (paid 50), then 100 → 200 × 40% = 80, less 50 = 30\" [total, "
                + "benefits.REIMBURSEMENT]\n  from quzhou@2015: total 0.00; REIMBURSEMENT mutual-aid reimbursement "
                + "0.00; what-if: the claim date is outside the version's dates\n  to quzhou@2016: total 30.00; "
                + "REIMBURSEMENT mutual-aid reimbursement 30.00\n");
    }

    @Test
    void aVersionAgainstItselfChangesNothingAndPassesTheGuard() {
        CliUsageTest.Run run = huzhu("diff", "--from", "quzhou@2016", "--to", "quzhou@2016", "--cases",
                QUZHOU.toString(), "--fail-on-change", "--rulesets", RULESETS);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("共52条：比较52条，有变化0条，无变化52条").doesNotContain("有变化 ");
    }

    /**
     * A working copy of quzhou/2015 whose minimum payment is 50 instead of 0: of the 21 cases of 2015's folder only
     * those whose tiers pay above 0 and below 50 change: 500.01 (0.004 → 50) and 501 (0.40 → 50). 100 and 500 pay 0
     * (inside the deductible) and stay 0.
     */
    @Test
    void aWorkingCopyFolderIsComparedWithTheLoadedVersion() throws IOException {
        Path copy = dir.resolve("quzhou/2015");
        copyFolder(QUZHOU.resolve("2015"), copy);
        Path parameters = copy.resolve("parameters.yaml");
        String text = Files.readString(parameters);
        assertThat(text).contains("  value: 0\n");
        Files.writeString(parameters, text.replace("  value: 0\n", "  value: 50\n"));
        CliUsageTest.Run run = huzhu("diff", "--from", "quzhou@2015", "--to", copy.toString(), "--cases",
                QUZHOU.resolve("2015").toString(), "--format", "json", "--lang", "en", "--rulesets", RULESETS,
                "--fail-on-change");
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        JsonNode report = json(run);
        Map<String, JsonNode> changed = changed(report);
        assertThat(changed.keySet()).containsExactly("boundary: base 500.01 → 0.01 × 40% = 0.004 → 0.00",
                "base 501 → 1 × 40% = 0.40");
        assertThat(changed.get("base 501 → 1 × 40% = 0.40").at("/from/total").decimalValue())
                .isEqualByComparingTo("0.40");
        assertThat(changed.get("base 501 → 1 × 40% = 0.40").at("/to/total").decimalValue())
                .isEqualByComparingTo("50");
        assertThat(report.at("/to/origin").asText()).isEqualTo(copy.toString());
        assertThat(report.at("/to/ruleset").asText()).isEqualTo("quzhou@2015");
        assertThat(report.at("/to/rulesetHash").asText()).isNotEqualTo(report.at("/from/rulesetHash").asText());
        assertThat(report.at("/summary/compared").asInt()).isEqualTo(21);
        assertThat(report.at("/summary/total/delta").decimalValue()).isEqualByComparingTo("99.60");
    }

    /**
     * The example reform over the example population: its two Shaoxing claims are compared, the other ten skipped.
     * SX-2015-0008 (self-pay 1,887.99 + 400 = 2,287.99, 10 days) gets 1,830 + 250 under the base and 1,601 + 250
     * under the reform; SX-2015-0031 (a death) 3,000 under both.
     */
    @Test
    void aReformAgainstItsBaseOverAPopulation() {
        CliUsageTest.Run run = huzhu("diff", "--from", "shaoxing@2015", "--to", REFORM.toString(), "--population",
                Path.of("..", "examples", "populations", "claims.jsonl").toString(), "--format", "json", "--lang",
                "en", "--rulesets", RULESETS);
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode report = json(run);
        assertThat(report.at("/to/reform").asText()).isEqualTo("shaoxing-70-40000");
        assertThat(report.at("/to/ruleset").asText()).isEqualTo("shaoxing@2015");
        assertThat(report.get("entries")).hasSize(1);
        JsonNode e = report.get("entries").get(0);
        assertThat(e.get("claimId").asText()).isEqualTo("SX-2015-0008");
        assertThat(e.get("where").asText()).endsWith("claims.jsonl:2");
        assertThat(e.get("changes")).extracting(JsonNode::asText)
                .containsExactly("total", "benefits.SECOND_REIMBURSEMENT");
        assertThat(e.at("/from/benefits")).extracting(b -> b.get("kind").asText() + "=" + b.get("amount")
                .decimalValue().stripTrailingZeros().toPlainString())
                .containsExactlyInAnyOrder("SECOND_REIMBURSEMENT=1830", "INPATIENT_ALLOWANCE=250");
        assertThat(e.at("/to/benefits")).extracting(b -> b.get("kind").asText() + "=" + b.get("amount")
                .decimalValue().stripTrailingZeros().toPlainString())
                .containsExactlyInAnyOrder("SECOND_REIMBURSEMENT=1601", "INPATIENT_ALLOWANCE=250");
        assertThat(e.at("/to/reform").asText()).isEqualTo("shaoxing-70-40000");
        assertThat(e.at("/from/reform").isMissingNode()).isTrue();
        JsonNode summary = report.get("summary");
        assertThat(summary.get("entries").asInt()).isEqualTo(12);
        assertThat(summary.get("compared").asInt()).isEqualTo(2);
        assertThat(summary.get("skipped").asInt()).isEqualTo(10);
        assertThat(summary.get("changed").asInt()).isEqualTo(1);
        assertThat(summary.at("/total/from").decimalValue()).isEqualByComparingTo("5080");
        assertThat(summary.at("/total/to").decimalValue()).isEqualByComparingTo("4851");
        assertThat(summary.at("/total/delta").decimalValue()).isEqualByComparingTo("-229");
    }

    @Test
    void unreadableEntriesAreListedAndExit2AfterTheRest() throws IOException {
        Path population = Files.writeString(dir.resolve("claims.jsonl"), String.join("\n",
                "{\"ruleset\": \"quzhou\", \"claim\": {\"id\": \"Q1\", \"claimDate\": \"2016-04-01\", \"member\": "
                        + "{\"id\": \"M1\", \"enrolments\": [{\"scheme\": \"quzhou\", \"from\": \"2016-01-01\", "
                        + "\"to\": \"2016-12-31\"}]}, \"stays\": [{\"admissionDate\": \"2016-04-01\", "
                        + "\"dischargeDate\": \"2016-04-02\", \"coPay\": 100}]}}",
                "{\"ruleset\": \"quzhou\", \"claim\": {\"id\": \"Q2\"",
                ""));
        CliUsageTest.Run run = huzhu("diff", "--from", "quzhou@2015", "--to", "quzhou@2016", "--population",
                population.toString(), "--lang", "en", "--rulesets", RULESETS);
        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        // Q1: 100 pays 0 under 2015 (what-if, inside the deductible) and 40 → 50 under 2016.
        assertThat(run.out()).contains("CHANGED " + population + ":1 Q1 [total, benefits.REIMBURSEMENT]",
                "UNREADABLE " + population + ":2", "2 entries: 1 compared, 1 changed, 0 unchanged; 0 of other "
                        + "schemes skipped, 1 unreadable", "(+50.00)");
    }

    @Test
    void badSidesAreExit2AndARefusedReformExit3() throws IOException {
        CliUsageTest.Run unknown = huzhu("diff", "--from", "quzhou@2015", "--to", "quzhou@2099", "--cases",
                QUZHOU.toString(), "--rulesets", RULESETS);
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("--to quzhou@2099: no version quzhou@2099 is loaded (versions: "
                + "quzhou@2015, quzhou@2016)");
        CliUsageTest.Run schemes = huzhu("diff", "--from", "quzhou@2015", "--to", "wujin@2024", "--cases",
                QUZHOU.toString(), "--rulesets", RULESETS);
        assertThat(schemes.exit()).isEqualTo(2);
        assertThat(schemes.err()).contains("a diff compares versions of one scheme");
        CliUsageTest.Run notAFolder = huzhu("diff", "--from", "quzhou@2015", "--to", dir.toString(), "--cases",
                QUZHOU.toString(), "--rulesets", RULESETS);
        assertThat(notAFolder.exit()).isEqualTo(2);
        assertThat(notAFolder.err()).contains("is a folder but not a ruleset version folder");
        CliUsageTest.Run nothing = huzhu("diff", "--from", "quzhou@2015", "--to", "quzhou", "--cases",
                QUZHOU.toString(), "--rulesets", RULESETS);
        assertThat(nothing.exit()).isEqualTo(2);
        assertThat(nothing.err()).contains("'quzhou' is neither a ruleset version (ID@VERSION");
        CliUsageTest.Run both = huzhu("diff", "--from", "quzhou@2015", "--to", "quzhou@2016", "--cases",
                QUZHOU.toString(), "--population", "x.jsonl");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        CliUsageTest.Run neither = huzhu("diff", "--from", "quzhou@2015", "--to", "quzhou@2016");
        assertThat(neither.exit()).isEqualTo(2);
        CliUsageTest.Run missing = huzhu("diff", "--from", "quzhou@2015", "--to", "quzhou@2016", "--cases",
                dir.resolve("none").toString(), "--rulesets", RULESETS);
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("does not exist");

        Path broken = Files.writeString(dir.resolve("broken.yaml"), """
                name: broken
                base: shaoxing@2015
                description: a misspelt override
                parameters:
                  yearlyCapp: {type: money, value: 40000, provenance: {label: assumed, why: a proposal}}
                """);
        CliUsageTest.Run refused = huzhu("diff", "--from", "shaoxing@2015", "--to", broken.toString(), "--cases",
                Path.of(RULESETS, "shaoxing").toString(), "--rulesets", RULESETS);
        assertThat(refused.exit()).isEqualTo(3);
        assertThat(refused.err()).contains("huzhu: ruleset refused: " + broken + ":5: parameters.yearlyCapp: "
                + "overrides parameter 'yearlyCapp', which shaoxing@2015 does not have");
    }

    static void copyFolder(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
