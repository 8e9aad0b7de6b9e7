package org.huzhu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.huzhu.engine.TestRulesets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad ruleset or case input gives its clear error and the documented exit code on the command line:
 * 0 ok, 1 test failures, 2 bad usage or input, 3 a refused ruleset.
 */
class CliLoadingTest {
    static final String DRL = """
            package t;
            import org.huzhu.api.ruleset.ClaimContext;

            rule "Pays the flat amount"
                @clause("test clause")
            when
                $c : ClaimContext( $k : key )
            then
                $c.grant("FLAT", $c.money("amount"));
            end
            """;
    static final String CASES = """
            member: {id: M1}
            cases:
              - name: pays the flat amount
                claim: {claimDate: 2024-03-01}
                expect:
                  benefits: {FLAT: 100}
            """;

    @TempDir
    Path dir;

    /** One run's exit code and output. */
    record Run(int exit, String out, String err) {
    }

    static Run huzhu(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Huzhu(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A ruleset folder {@code scheme@1} paying FLAT 100, with one passing case. */
    static Path ruleset(Path folder, String scheme) throws IOException {
        TestRulesets.write(folder, scheme, "FLAT", DRL);
        Files.createDirectories(folder.resolve("cases"));
        Files.writeString(folder.resolve("cases/flat.yaml"), CASES);
        return folder;
    }

    interface Breaker {
        void breakIt(Path folder, Path outside) throws IOException;
    }

    static Stream<Arguments> badRulesets() {
        return Stream.of(
                Arguments.of("a link to a file outside", (Breaker) (f, outside) -> Files.createSymbolicLink(
                        f.resolve("rules/x.drl"), Files.writeString(outside.resolve("secret"), "SECRETWORD"))
                        , "rules/x.drl: is a symbolic link to a file outside the ruleset folder"),
                Arguments.of("a dangling link", (Breaker) (f, outside) -> Files.createSymbolicLink(
                        f.resolve("rules/x.drl"), outside.resolve("none")), "rules/x.drl: is a symbolic link "
                        + "that leads nowhere"),
                Arguments.of("a DRL over 256 KiB", (Breaker) (f, outside) -> Files.writeString(
                        f.resolve("rules/main.drl"), DRL + "//\n".repeat(90_000)), "rules/main.drl: is 270"),
                Arguments.of("65 DRL files", (Breaker) (f, outside) -> {
                    for (int i = 0; i < 64; i++) {
                        Files.writeString(f.resolve("rules/r" + i + ".drl"), "package t;\n");
                    }
                }, "rules: has 65 DRL files, more than the limit of 64"),
                Arguments.of("1,001 rules", (Breaker) (f, outside) -> Files.writeString(f.resolve("rules/main.drl"),
                        "package t;\n" + "rule \"r\" when then end\n".repeat(1001)),
                        "rules/main.drl:1002: more than 1000 rules"),
                Arguments.of("5,000 nested parentheses", (Breaker) (f, outside) -> Files.writeString(
                        f.resolve("rules/main.drl"), DRL.replace("$c.grant(", "int x = \n"
                                + ("(".repeat(500) + "\n").repeat(10) + "1" + (")".repeat(500) + "\n").repeat(10)
                                + ";\n$c.grant(")), "rules/main.drl:10: brackets are nested more than 64 deep"),
                Arguments.of("a line of 1,001 characters", (Breaker) (f, outside) -> Files.writeString(
                        f.resolve("rules/main.drl"), DRL + "// " + "x".repeat(998) + "\n"),
                        "rules/main.drl:11: line of 1001 characters is longer than the limit of 1000"),
                Arguments.of("a string literal of 1,500 characters", (Breaker) (f, outside) -> Files.writeString(
                        f.resolve("rules/main.drl"), DRL.replace("test clause", "长".repeat(1500))),
                        "rules/main.drl:5: a string literal of 1500 characters is longer than the limit of 1000"),
                Arguments.of("a GBK DRL", (Breaker) (f, outside) -> Files.write(f.resolve("rules/main.drl"),
                        DRL.replace("test clause", "条款").getBytes(Charset.forName("GBK"))),
                        "rules/main.drl: is not UTF-8 text"),
                Arguments.of("parameter 1e999999999", (Breaker) (f, outside) -> Files.writeString(
                        f.resolve("parameters.yaml"), Files.readString(f.resolve("parameters.yaml"))
                                .replace("value: 100", "value: 1e999999999")),
                        "parameters.yaml amount.value: money must be at most 100000000.00, was 1E+999999999"),
                Arguments.of("parameter money with 3 decimals", (Breaker) (f, outside) -> Files.writeString(
                        f.resolve("parameters.yaml"), Files.readString(f.resolve("parameters.yaml"))
                                .replace("value: 100", "value: 100.001")),
                        "parameters.yaml amount.value: money has at most 2 decimal places, was 100.001"),
                Arguments.of("parameters nested 60 deep", (Breaker) (f, outside) -> Files.writeString(
                        f.resolve("parameters.yaml"), "amount:\n  value: " + "[".repeat(60) + "]".repeat(60)),
                        "parameters.yaml:2: is nested more than 50 levels deep"),
                Arguments.of("a parameters.yaml over 256 KiB", (Breaker) (f, outside) -> Files.writeString(
                        f.resolve("parameters.yaml"), Files.readString(f.resolve("parameters.yaml"))
                                + "#\n".repeat(140_000)), "parameters.yaml: is 280"),
                Arguments.of("a ruleset.yaml over 64 KiB", (Breaker) (f, outside) -> Files.writeString(
                        f.resolve("ruleset.yaml"), Files.readString(f.resolve("ruleset.yaml"))
                                + "#\n".repeat(40_000)), "ruleset.yaml: is 80"),
                Arguments.of("a case file over 8 MiB", (Breaker) (f, outside) -> Files.writeString(
                        f.resolve("cases/big.yaml"), "#\n".repeat(4_200_000)),
                        "cases/big.yaml: is 8400000 bytes, more than the limit of 8 MiB"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRulesets")
    void aBadRulesetIsRefusedWithItsFileAndExitCode3(String label, Breaker breaker, String message)
            throws IOException {
        Path folder = ruleset(dir.resolve("rs"), "test");
        Path outside = Files.createDirectories(dir.resolve("outside"));
        // The same folder loads before it is broken: the refusal is the breaker's doing.
        assertThat(huzhu("list", "--rulesets", folder.toString()).exit()).isZero();
        breaker.breakIt(folder, outside);

        Run list = huzhu("list", "--rulesets", folder.toString());
        assertThat(list.exit()).isEqualTo(3);
        assertThat(list.err()).startsWith("huzhu: ruleset refused: " + folder + "/").contains(message)
                .doesNotContain("SECRETWORD");
        Path claim = Files.writeString(dir.resolve("claim.json"), """
                {"ruleset": "test", "claim": {"id": "C1", "member": {"id": "M1"}, "claimDate": "2024-03-01"}}
                """);
        Run evaluate = huzhu("evaluate", "--claim", claim.toString(), "--rulesets", folder.toString());
        assertThat(evaluate.exit()).isEqualTo(3);
        assertThat(evaluate.err()).contains(message);
        // Testing only the refused folder: nothing under test could load.
        Run test = huzhu("test", folder.toString());
        assertThat(test.exit()).isEqualTo(3);
        assertThat(test.out()).contains("FAIL " + folder + ": ruleset refused: ").contains(message);
    }

    @Test
    void testReportsARefusedRulesetAsAFailureAndRunsTheOthers() throws IOException {
        Path root = dir.resolve("rulesets");
        ruleset(root.resolve("good/1"), "good");
        Path bad = ruleset(root.resolve("bad/1"), "bad");
        Files.writeString(bad.resolve("rules/main.drl"), "(".repeat(5000));
        Path xml = dir.resolve("xml");

        Run run = huzhu("test", root.toString(), "--junit-xml", xml.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL " + bad + ": ruleset refused: " + bad
                + "/rules/main.drl:1: brackets are nested more than 64 deep");
        assertThat(run.out()).contains("rule coverage good@1: 1/1 (100%)");
        assertThat(run.out()).endsWith("1 passed, 1 failed, 1 ruleset refused\n");
        assertThat(run.err()).contains(bad + "/cases/flat.yaml: not run, its ruleset was refused");
        String refused = Files.readString(xml.resolve("TEST-bad.1.ruleset.xml"));
        assertThat(refused).contains("tests=\"1\" failures=\"1\"")
                .contains("<testcase classname=\"bad.1.ruleset\" name=\"ruleset loads\"")
                .contains("<failure message=\"ruleset refused: " + bad + "/rules/main.drl:1: brackets are nested");
        String good = Files.readString(xml.resolve("TEST-good.1.flat.xml"));
        assertThat(good).contains("tests=\"1\" failures=\"0\"").contains("name=\"pays the flat amount\"")
                .doesNotContain("<failure");
    }

    @Test
    void theSameFoldersPassOnceTheBadOneIsFixed() throws IOException {
        // The counterpart of the test above: the good folder passes, so exit 1 there is the refusal's.
        Path root = dir.resolve("rulesets");
        ruleset(root.resolve("good/1"), "good");
        ruleset(root.resolve("bad/1"), "bad");
        Run run = huzhu("test", root.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).endsWith("2 passed, 0 failed\n");
    }

    static Stream<Arguments> badCaseFiles() {
        return Stream.of(
                Arguments.of("histroy: in a case", CASES.replace("    expect:", "    histroy: {payments: []}\n"
                        + "    expect:"), "cases/flat.yaml:5 cases[0].histroy: unknown key 'histroy' (known keys: "
                        + "claim, expect, history, member, name, ruleset, whatIf)"),
                Arguments.of("rulset: at the top", "rulset: test@1\n" + CASES,
                        "cases/flat.yaml:1 rulset: unknown key 'rulset'"),
                Arguments.of("benefit: in expect", CASES.replace("benefits:", "benefit:"),
                        "cases/flat.yaml:6 cases[0].expect.benefit: unknown key 'benefit'"),
                Arguments.of("a misspelt stay field", CASES.replace("{claimDate: 2024-03-01}",
                        "\n      claimDate: 2024-03-01\n      stays: [{admissionDate: 2024-03-01, "
                                + "dischargeDate: 2024-03-02,\n               coPay: 10, outOfPolcy: 5}]"),
                        "cases/flat.yaml:7 cases[0] (pays the flat amount) claim.stays[0].outOfPolcy: unknown key "
                                + "'outOfPolcy'"),
                Arguments.of("a misspelt member field at file level", CASES.replace("{id: M1}",
                        "\n  id: M1\n  enrollments: []"), "cases/flat.yaml:3 cases[0] (pays the flat amount) "
                        + "claim.member.enrollments: unknown key 'enrollments'"),
                Arguments.of("review: maybe", CASES.replace("benefits: {FLAT: 100}",
                        "benefits: {FLAT: 100}\n      review: maybe"), "expect.review: must be true or false"),
                Arguments.of("not YAML", "cases: [", "cases/flat.yaml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCaseFiles")
    void aBadCaseFileIsAnInputErrorWithFileAndLine(String label, String yaml, String message) throws IOException {
        Path folder = ruleset(dir.resolve("rs"), "test");
        Files.writeString(folder.resolve("cases/flat.yaml"), yaml);
        Run run = huzhu("test", folder.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).contains("FAIL " + folder + "/cases/flat.yaml").contains(message);
    }

    @Test
    void aCaseFileOverTheLimitGivenAsAPathIsAnInputError() throws IOException {
        Path file = Files.writeString(dir.resolve("big.yaml"), "#\n".repeat(4_200_000));
        Run run = huzhu("test", file.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).contains(file + ": is 8400000 bytes, more than the limit of 8 MiB");
    }

    @Test
    void aRulesetWithNoCasesFailsTheRun() throws IOException {
        Path root = dir.resolve("rulesets");
        ruleset(root.resolve("a/1"), "a");
        Path none = ruleset(root.resolve("b/1"), "b");
        Files.delete(none.resolve("cases/flat.yaml"));
        Run run = huzhu("test", root.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL " + none + ": no cases found in " + none + "/cases")
                .endsWith("1 passed, 1 failed\n");
    }

    @Test
    void aPathWithNoCasesFailsTheRun() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Run run = huzhu("test", empty.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("no cases found under " + empty).endsWith("0 passed, 0 failed\n");
    }

    @Test
    void anEmptyCaseListFailsTheRun() throws IOException {
        Path folder = ruleset(dir.resolve("rs"), "test");
        Files.writeString(folder.resolve("cases/flat.yaml"), "cases: []\n");
        Run run = huzhu("test", folder.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("no cases found in " + folder + "/cases")
                .contains("no cases found under " + folder);
    }

    @Test
    void casesCheckTheVersionChosenAndTheWarnings() throws IOException {
        Path folder = ruleset(dir.resolve("rs"), "test");
        Files.writeString(folder.resolve("cases/flat.yaml"), CASES.replace("benefits: {FLAT: 100}",
                "benefits: {FLAT: 100}\n      version: \"1\"\n      warnings: []"));
        assertThat(huzhu("test", folder.toString()).exit()).isZero();

        Files.writeString(folder.resolve("cases/flat.yaml"), CASES.replace("benefits: {FLAT: 100}",
                "benefits: {FLAT: 100}\n      version: \"2099\"\n      warnings: [outside the year]"));
        Run run = huzhu("test", folder.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out())
                .contains("\"pays the flat amount\": expected version 2099, actual 1 (test@1)")
                .contains("\"pays the flat amount\": expected a warning containing 'outside the year', actual "
                        + "warnings: []");
    }

    @Test
    void badUsageIsExit2() {
        assertThat(huzhu("test", "--no-such-option").exit()).isEqualTo(2);
        Run missing = huzhu("test", dir.resolve("missing").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("missing: does not exist");
        assertThat(huzhu().exit()).isEqualTo(2);
    }
}
