package org.huzhu.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.huzhu.api.BenefitHistory;
import org.huzhu.api.Claim;
import org.huzhu.api.EvaluationError;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.EvaluationResult;
import org.huzhu.api.Member;
import org.huzhu.api.RulesetException;
import org.huzhu.api.RulesetRefusedException;
import org.huzhu.api.SubsidyEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiling on first use (the default): build() checks files, metadata, parameters and messages of every ruleset;
 * the sandbox and the compile of a version run at its first claim, and a refusal then fails every claim of that
 * version, never one of another.
 */
class LazyCompileTest {
    @TempDir
    Path root;

    static final String PAYS = """
            package t;
            import org.huzhu.api.ruleset.ClaimContext;
            rule "pays"
            when
                $c : ClaimContext()
            then
                $c.grant("GOOD_BENEFIT", $c.money("amount"));
            end
            """;

    static final String READS_A_FILE = """
            package t;
            import java.io.File;
            import org.huzhu.api.ruleset.ClaimContext;
            rule "reads a file"
            when
                $c : ClaimContext()
            then
            end
            """;

    private void writeGoodAndRefused() throws IOException {
        TestRulesets.write(root.resolve("good/1"), "good", "GOOD_BENEFIT", PAYS);
        TestRulesets.write(root.resolve("bad/1"), "bad", "BAD_BENEFIT", READS_A_FILE);
    }

    private static EvaluationRequest claim(String scheme, String id) {
        Member m = new Member("M-" + id, LocalDate.of(1980, 1, 1), true, false, null, null, List.of());
        return new EvaluationRequest(scheme, Claim.ofStays(id, m, LocalDate.of(2024, 5, 1), List.of()),
                BenefitHistory.EMPTY);
    }

    @Test
    void aRefusedRulesetFailsItsOwnClaimsAtFirstUseWithTheRefusalTheBuildWouldGive() throws IOException {
        writeGoodAndRefused();
        List<RulesetException> atBuild = new ArrayList<>();
        SubsidyEngine eager = SubsidyEngine.builder().compileAtBuild(true).classpathRulesets(false)
                .addRulesetFolder(root).onRulesetError(atBuild::add).build();
        assertThat(atBuild).singleElement().isInstanceOf(RulesetRefusedException.class);
        assertThat(eager.rulesets()).extracting(r -> r.id()).containsExactly("good@1");

        SubsidyEngine lazy = SubsidyEngine.builder().classpathRulesets(false).addRulesetFolder(root).build();
        assertThat(lazy.rulesets()).extracting(r -> r.id()).containsExactly("bad@1", "good@1");
        assertThat(lazy.evaluate(claim("good", "G1")).amountOf("GOOD_BENEFIT")).isEqualByComparingTo("100");
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> lazy.evaluate(claim("bad", "B1")))
                    .isInstanceOf(RulesetRefusedException.class)
                    .hasMessage(atBuild.get(0).getMessage())
                    .hasMessageContaining("rules/main.drl:2")
                    .hasMessageContaining("import of java.io.File is not allowed");
        }
        List<EvaluationResult> batch = lazy.evaluateAll(List.of(claim("good", "G2"), claim("bad", "B2"),
                claim("good", "G3")));
        assertThat(batch.get(0).decision().amountOf("GOOD_BENEFIT")).isEqualByComparingTo("100");
        assertThat(batch.get(1).error().code()).isEqualTo(EvaluationError.Code.RULESET_ERROR);
        assertThat(batch.get(1).error().message()).isEqualTo(atBuild.get(0).getMessage());
        assertThat(batch.get(2).decision().claimId()).isEqualTo("G3");
    }

    @Test
    void ruleNamesAreReadFromTheCompileSoReadingThemCompilesAndCanThrowTheRefusal() throws IOException {
        writeGoodAndRefused();
        SubsidyEngine lazy = SubsidyEngine.builder().classpathRulesets(false).addRulesetFolder(root).build();
        assertThat(lazy.rulesets().get(1).rules()).containsExactly("pays");
        assertThatThrownBy(() -> lazy.rulesets().get(0).rules().size())
                .isInstanceOf(RulesetRefusedException.class).hasMessageContaining("java.io.File");
    }

    @Test
    void metadataAndParametersAreStillCheckedAtBuild() throws IOException {
        TestRulesets.write(root.resolve("good/1"), "good", "GOOD_BENEFIT", PAYS);
        Files.writeString(root.resolve("good/1/parameters.yaml"), "amount:\n  type: money\n  description: x\n"
                + "  value: 100\n");
        assertThatThrownBy(() -> SubsidyEngine.builder().classpathRulesets(false).addRulesetFolder(root).build())
                .isInstanceOf(RulesetException.class)
                .hasMessageContaining("amount.provenance");
    }

    @Test
    void aVersionCompilesOnceWhateverTheNumberOfThreadsAskingForIt() throws Exception {
        TestRulesets.write(root.resolve("good/1"), "good", "GOOD_BENEFIT", PAYS);
        SubsidyEngine lazy = SubsidyEngine.builder().classpathRulesets(false).addRulesetFolder(root).build();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<BigDecimal>> amounts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String id = "G" + i;
                amounts.add(pool.submit(() -> lazy.evaluate(claim("good", id)).amountOf("GOOD_BENEFIT")));
            }
            for (java.util.concurrent.Future<BigDecimal> f : amounts) {
                assertThat(f.get()).isEqualByComparingTo("100");
            }
        } finally {
            pool.shutdown();
        }
        DroolsSubsidyEngine engine = (DroolsSubsidyEngine) lazy;
        assertThat(engine.loaded()).singleElement().satisfies(r -> assertThat(r.compiled()).isTrue());
    }
}
