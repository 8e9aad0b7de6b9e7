package org.huzhu.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.RulesetException;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.RulesetRefusedException;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.engine.internal.LoadingLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Loading cannot be abused: links, sizes, nesting and rule counts are bounded, and refusals name the file. */
class LoadingLimitsTest {
    static final String RULE = """
            rule "Pays the flat amount %s"
                @clause("test clause")
            when
                $c : ClaimContext( $k : key )
            then
                $c.grant("TEST_BENEFIT", $c.money("amount"));
            end
            """;
    static final String DRL = "package t;\nimport org.huzhu.api.ruleset.ClaimContext;\n\n" + RULE.formatted("");

    @TempDir
    Path dir;

    static SubsidyEngine build(Path folder) {
        return SubsidyEngine.builder().compileAtBuild(true).classpathRulesets(false).addRulesetFolder(folder).build();
    }

    @Test
    void theTestRulesetLoadsAsWritten() throws IOException {
        // The baseline every refusal below differs from by one change.
        Path ok = dir.resolve("ok");
        TestRulesets.write(ok, DRL);
        assertThat(build(ok).rulesets()).extracting(RulesetInfo::id).containsExactly("test@1");
    }

    @Test
    void aLinkToAFileOutsideTheFolderIsRefusedWithoutReadingIt() throws IOException {
        Path outside = Files.writeString(dir.resolve("secret.txt"), "TOPSECRETWORD rest of the file");
        Path rs = dir.resolve("rs");
        TestRulesets.write(rs, DRL);
        Files.createSymbolicLink(rs.resolve("rules/evil.drl"), outside);
        assertThatThrownBy(() -> build(rs))
                .isInstanceOf(RulesetRefusedException.class)
                .hasMessageContaining("rules/evil.drl: is a symbolic link to a file outside the ruleset folder")
                .hasMessageNotContaining("TOPSECRETWORD")
                .hasMessageNotContaining("secret.txt");
    }

    @Test
    void aLinkedFolderOutsideIsRefusedAsItself() throws IOException {
        Path outside = dir.resolve("elsewhere");
        Files.createDirectories(outside);
        Files.writeString(outside.resolve("x.drl"), DRL);
        Path rs = dir.resolve("rs");
        TestRulesets.write(rs, DRL);
        Files.delete(rs.resolve("rules/main.drl"));
        Files.delete(rs.resolve("rules"));
        Files.createSymbolicLink(rs.resolve("rules"), outside);
        assertThatThrownBy(() -> build(rs))
                .isInstanceOf(RulesetRefusedException.class)
                .hasMessageContaining(rs + "/rules: is a symbolic link to a file outside the ruleset folder");
    }

    @Test
    void aLinkedParameterFileOutsideIsRefused() throws IOException {
        Path other = dir.resolve("other");
        TestRulesets.write(other, DRL);
        Path rs = dir.resolve("rs");
        TestRulesets.write(rs, DRL);
        Files.delete(rs.resolve("parameters.yaml"));
        // Even another ruleset's file: each version folder is self-contained, as its content hash is.
        Files.createSymbolicLink(rs.resolve("parameters.yaml"), other.resolve("parameters.yaml"));
        assertThatThrownBy(() -> build(rs))
                .isInstanceOf(RulesetRefusedException.class)
                .hasMessageContaining("parameters.yaml: is a symbolic link to a file outside");
    }

    @Test
    void aDanglingLinkIsRefused() throws IOException {
        Path rs = dir.resolve("rs");
        TestRulesets.write(rs, DRL);
        Files.createSymbolicLink(rs.resolve("rules/gone.drl"), dir.resolve("nothing-here.drl"));
        assertThatThrownBy(() -> build(rs))
                .isInstanceOf(RulesetRefusedException.class)
                .hasMessageContaining("rules/gone.drl: is a symbolic link that leads nowhere");
    }

    @Test
    void aLinkInsideTheFolderIsFollowed() throws IOException {
        Path rs = dir.resolve("rs");
        TestRulesets.write(rs, "");
        Files.delete(rs.resolve("rules/main.drl"));
        Files.createDirectories(rs.resolve("drafts"));
        Files.writeString(rs.resolve("drafts/main.drl"), DRL);
        Files.createSymbolicLink(rs.resolve("rules/main.drl"), rs.resolve("drafts/main.drl"));
        RulesetInfo info = build(rs).rulesets().get(0);
        assertThat(info.rules()).containsExactly("Pays the flat amount ");
    }

    @Test
    void aDrlFileOverTheSizeLimitIsRefusedBeforeParsing() throws IOException {
        Path rs = dir.resolve("rs");
        // Valid DRL padded with a comment: only the size is wrong.
        TestRulesets.write(rs, DRL + ("// padding" + " ".repeat(80) + "\n").repeat(3000));
        assertThat(Files.size(rs.resolve("rules/main.drl"))).isGreaterThan(LoadingLimits.MAX_DRL_BYTES);
        assertThatThrownBy(() -> build(rs))
                .isInstanceOf(RulesetRefusedException.class)
                .hasMessageMatching(".*rules/main\\.drl: is \\d+ bytes, more than the limit of 256 KiB");
    }

    @Test
    void tooManyDrlFilesAreRefused() throws IOException {
        Path rs = dir.resolve("rs");
        TestRulesets.write(rs, DRL);
        for (int i = 0; i < LoadingLimits.MAX_DRL_FILES; i++) {
            Files.writeString(rs.resolve("rules/extra" + i + ".drl"), "package t;\n");
        }
        assertThatThrownBy(() -> build(rs))
                .isInstanceOf(RulesetRefusedException.class)
                .hasMessageContaining("rules: has 65 DRL files, more than the limit of 64");
    }

    @Test
    void tooManyRulesAreRefusedBeforeAnythingIsParsed() throws IOException {
        Path rs = dir.resolve("rs");
        StringBuilder drl = new StringBuilder("package t;\nimport org.huzhu.api.ruleset.ClaimContext;\n");
        for (int i = 0; i <= LoadingLimits.MAX_RULES; i++) {
            drl.append(RULE.formatted(i));
        }
        TestRulesets.write(rs, drl.toString());
        // Line 3 + 7 lines per rule: rule 1,001 starts on line 7,003.
        assertThatThrownBy(() -> build(rs))
                .isInstanceOf(RulesetRefusedException.class)
                .hasMessageContaining("rules/main.drl:7003: more than 1000 rules");
    }

    @Test
    void rulesAreCountedAcrossFiles() throws IOException {
        Path rs = dir.resolve("rs");
        TestRulesets.write(rs, DRL);
        for (int f = 0; f < 2; f++) {
            StringBuilder drl = new StringBuilder("package t;\nimport org.huzhu.api.ruleset.ClaimContext;\n");
            for (int i = 0; i < 500; i++) {
                drl.append(RULE.formatted(f + "-" + i));
            }
            Files.writeString(rs.resolve("rules/more" + f + ".drl"), drl);
        }
        assertThatThrownBy(() -> build(rs))
                .isInstanceOf(RulesetRefusedException.class)
                .hasMessageContaining("rules/more1.drl: brings the ruleset to more than the limit of 1000 rules");
    }

    @Test
    void fiveThousandNestedParenthesesAreRefusedWithFileAndLine() throws IOException {
        Path rs = dir.resolve("rs");
        String deep = "(".repeat(5000) + "1" + ")".repeat(5000);
        // Split over lines so that the nesting, not the line length, is what trips.
        TestRulesets.write(rs, DRL.replace("$c.grant(", "int x = \n" + deep.replaceAll("(.{500})", "$1\n")
                + ";\n    $c.grant("));
        assertThatThrownBy(() -> build(rs))
                .isInstanceOf(RulesetRefusedException.class)
                .hasMessageContaining("rules/main.drl:10: brackets are nested more than 64 deep");
    }

    @Test
    void aLongLineIsRefusedWithFileAndLine() throws IOException {
        Path rs = dir.resolve("rs");
        // Spaces, not a literal: the line limit alone must trip.
        TestRulesets.write(rs, DRL.replace("$c.grant(\"TEST_BENEFIT\",", "$c.grant(\"TEST_BENEFIT\"," + " ".repeat(1000)));
        assertThatThrownBy(() -> build(rs))
                .isInstanceOf(RulesetRefusedException.class)
                .hasMessageContaining("rules/main.drl:9: line of 1049 characters is longer than the limit of 1000");
    }

    @Test
    void aLongStringLiteralSpreadOverLinesIsRefused() throws IOException {
        Path rs = dir.resolve("rs");
        String literal = ("x".repeat(99) + "\n").repeat(15);
        TestRulesets.write(rs, DRL.replace("\"test clause\"", "\"" + literal + "\""));
        assertThatThrownBy(() -> build(rs))
                .isInstanceOf(RulesetRefusedException.class)
                .hasMessageContaining("rules/main.drl:5: a string literal of 1500 characters is longer than the "
                        + "limit of 1000");
    }

    @Test
    void overlargeYamlFilesAreRefused() throws IOException {
        Path rs = dir.resolve("rs");
        TestRulesets.write(rs, DRL);
        Files.writeString(rs.resolve("parameters.yaml"), "\n# padding\n".repeat(30_000), java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> build(rs))
                .isInstanceOf(RulesetRefusedException.class)
                .hasMessageContaining("parameters.yaml: is")
                .hasMessageContaining("more than the limit of 256 KiB");
        TestRulesets.write(rs, DRL);
        Files.writeString(rs.resolve("ruleset.yaml"), "\n# padding\n".repeat(7_000), java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> build(rs))
                .isInstanceOf(RulesetRefusedException.class)
                .hasMessageContaining("ruleset.yaml: is")
                .hasMessageContaining("more than the limit of 64 KiB");
    }

    @Test
    void aCaseFileOverTheLimitRefusesTheRulesetItCameWith() throws IOException {
        Path rs = dir.resolve("rs");
        TestRulesets.write(rs, DRL);
        Files.createDirectories(rs.resolve("cases"));
        Files.writeString(rs.resolve("cases/big.yaml"), "# x\n".repeat(2_200_000));
        assertThatThrownBy(() -> build(rs))
                .isInstanceOf(RulesetRefusedException.class)
                .hasMessageContaining("cases/big.yaml: is 8800000 bytes, more than the limit of 8 MiB");
    }

    @Test
    void aDrlFileInGbkIsNotUtf8Text() throws IOException {
        Path rs = dir.resolve("rs");
        TestRulesets.write(rs, DRL);
        Files.write(rs.resolve("rules/main.drl"), DRL.replace("test clause", "条款").getBytes(Charset.forName("GBK")));
        assertThatThrownBy(() -> build(rs))
                .isInstanceOf(RulesetException.class)
                .hasMessageContaining("rules/main.drl: is not UTF-8 text");
    }

    @Test
    void deeplyNestedYamlIsRefusedWithFileAndLine() throws IOException {
        Path rs = dir.resolve("rs");
        TestRulesets.write(rs, DRL);
        Files.writeString(rs.resolve("parameters.yaml"), "amount:\n  value: " + "[".repeat(60) + "]".repeat(60)
                + "\n");
        assertThatThrownBy(() -> build(rs))
                .isInstanceOf(RulesetException.class)
                .hasMessageContaining("parameters.yaml:2: is nested more than 50 levels deep");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "money 1e999999999     | money   | 1e999999999    | amount.value: money must be at most 100000000.00, was 1E+999999999",
        "money above ceiling   | money   | 100000000.01   | amount.value: money must be at most 100000000",
        "money in tenths of fen| money   | 10.001         | amount.value: money has at most 2 decimal places",
        "money 1e-999999999    | money   | 1e-999999999   | amount.value: money has at most 2 decimal places, was 1E-999999999",
        "negative money        | money   | -1             | amount.value: must not be negative",
        "rate above 1          | rate    | 1.5            | amount.value: a rate is a fraction 0..1, was 1.5",
        "rate of 7 places      | rate    | 0.1234567      | amount.value: a rate has at most 6 decimal places",
        "integer too large     | integer | 100001         | amount.value: an integer must be at most 100000",
        "integer with fraction | integer | 1.5            | amount.value: must be a whole number, was 1.5",
        "integer 1e999999999   | integer | 1e999999999    | amount.value: an integer must be at most 100000",
    })
    void parameterValuesAreBoundedLikeInputAmounts(String label, String type, String value, String message) {
        String yaml = """
                amount:
                  type: %s
                  description: a figure
                  value: %s
                  provenance: {label: assumed, why: a test}
                """.formatted(type, value);
        assertThatThrownBy(() -> ParameterFile.read(yaml, "rs/parameters.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("rs/parameters.yaml " + message);
    }

    @Test
    void boundaryParameterValuesAreAccepted() {
        String yaml = """
                m: {type: money, description: d, value: 100000000.00, provenance: {label: assumed, why: w}}
                r: {type: rate, description: d, value: 0.123456, provenance: {label: assumed, why: w}}
                i: {type: integer, description: d, value: 100000, provenance: {label: assumed, why: w}}
                """;
        assertThat(ParameterFile.read(yaml, "p.yaml").get("r", "rate").number()).isEqualByComparingTo("0.123456");
    }

    @Test
    void rowsAreBoundedInCountAndValue() {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i <= LoadingLimits.MAX_PARAMETER_ROWS; i++) {
            rows.add("{from: " + i + ", amount: 1}");
        }
        String tooMany = "b: {type: bands, description: d, value: [" + String.join(", ", rows)
                + "], provenance: {label: assumed, why: w}}";
        assertThatThrownBy(() -> ParameterFile.read(tooMany, "p.yaml"))
                .hasMessage("p.yaml b.value: has 201 rows, more than the limit of 200");
        String hugeFrom = "t: {type: tiers, description: d, value: [{from: 0, rate: 0.1}, {from: 1e12, rate: 0.2}],"
                + " provenance: {label: assumed, why: w}}";
        assertThatThrownBy(() -> ParameterFile.read(hugeFrom, "p.yaml"))
                .hasMessageStartingWith("p.yaml t.value[1].from: money must be at most 100000000");
        String badRate = "t: {type: tiers, description: d, value: [{from: 0, rate: 2}],"
                + " provenance: {label: assumed, why: w}}";
        assertThatThrownBy(() -> ParameterFile.read(badRate, "p.yaml"))
                .hasMessage("p.yaml t.value[0].rate: a rate is a fraction 0..1, was 2");
        String badTable = "t: {type: table, description: d, value: {A: 1e9}, provenance: {label: assumed, why: w}}";
        assertThatThrownBy(() -> ParameterFile.read(badTable, "p.yaml"))
                .hasMessageStartingWith("p.yaml t.value.A: money must be at most 100000000");
        String codes = "c: {type: codes, description: d, value: [" + "X, ".repeat(201) + "X],"
                + " provenance: {label: assumed, why: w}}";
        assertThatThrownBy(() -> ParameterFile.read(codes, "p.yaml"))
                .hasMessage("p.yaml c.value: has 202 rows, more than the limit of 200");
    }

    @Test
    void aBadParameterInAFolderIsARulesetErrorNamingTheFile() throws IOException {
        Path rs = dir.resolve("rs");
        TestRulesets.write(rs, DRL);
        Files.writeString(rs.resolve("parameters.yaml"), Files.readString(rs.resolve("parameters.yaml"))
                .replace("value: 100", "value: 1e999999999"));
        assertThatThrownBy(() -> build(rs))
                .isInstanceOf(RulesetException.class)
                .hasMessageContaining(rs + "/parameters.yaml amount.value: money must be at most 100000000");
    }

    @Test
    void theBuilderFailsFastByDefaultAndSkipsWithAHandler() throws IOException {
        Path root = dir.resolve("root");
        TestRulesets.write(root.resolve("good"), DRL);
        TestRulesets.write(root.resolve("bad"), DRL);
        Files.writeString(root.resolve("bad/ruleset.yaml"), Files.readString(root.resolve("bad/ruleset.yaml"))
                .replace("scheme: test", "scheme: other"));
        Files.writeString(root.resolve("bad/rules/main.drl"), "(".repeat(5000));
        assertThatThrownBy(() -> build(root)).isInstanceOf(RulesetRefusedException.class)
                .hasMessageContaining("bad/rules/main.drl:1: brackets are nested");
        List<RulesetException> errors = new ArrayList<>();
        SubsidyEngine engine = SubsidyEngine.builder().compileAtBuild(true).classpathRulesets(false).addRulesetFolder(root)
                .onRulesetError(errors::add).build();
        assertThat(engine.rulesets()).extracting(RulesetInfo::id).containsExactly("test@1");
        assertThat(errors).singleElement().extracting(RulesetException::location)
                .isEqualTo(root.resolve("bad/rules/main.drl") + ":1");
    }

    @Test
    void aCompileErrorIsAlsoHandedToTheHandler() throws IOException {
        Path root = dir.resolve("root");
        TestRulesets.write(root.resolve("good"), DRL);
        TestRulesets.write(root.resolve("bad"), DRL.replace("money(", "noSuchMethod("));
        Files.writeString(root.resolve("bad/ruleset.yaml"), Files.readString(root.resolve("bad/ruleset.yaml"))
                .replace("scheme: test", "scheme: other"));
        List<RulesetException> errors = new ArrayList<>();
        SubsidyEngine engine = SubsidyEngine.builder().compileAtBuild(true).classpathRulesets(false).addRulesetFolder(root)
                .onRulesetError(errors::add).build();
        assertThat(engine.rulesets()).extracting(RulesetInfo::id).containsExactly("test@1");
        assertThat(errors).singleElement().extracting(RulesetException::location).asString()
                .startsWith(root.resolve("bad/rules/main.drl").toString());
    }
}
