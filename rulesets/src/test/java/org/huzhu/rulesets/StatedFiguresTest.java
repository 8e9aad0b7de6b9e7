package org.huzhu.rulesets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.huzhu.api.Benefit;
import org.huzhu.api.Claim;
import org.huzhu.api.Diagnosis;
import org.huzhu.api.Enrolment;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.Member;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.SubsidyEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every figure a source states is recorded beside its quoted clause, so that a version or a draft that changes it
 * is flagged next to the clause, which still quotes the source's figure.
 */
class StatedFiguresTest {
    private static final Path ROOT = Path.of(System.getProperty("huzhu.rulesets", "."));

    @Test
    void everySeedParameterOfTheBundledRulesetsStatesItsFigureAndNoneDiffers() {
        SubsidyEngine engine = SubsidyEngine.builder().classpathRulesets(false).addRulesetFolder(ROOT).build();
        List<String> problems = new ArrayList<>();
        int seeds = 0;
        for (RulesetInfo info : engine.rulesets()) {
            for (RulesetInfo.ParameterInForce p : info.parameters()) {
                if (p.parameter().provenance().label().equals("seed")) {
                    seeds++;
                    if (p.parameter().provenance().stated() == null) {
                        problems.add(info.id() + " " + p.parameter().name() + ": no stated figure");
                    } else if (p.parameter().differsFromSource()) {
                        problems.add(info.id() + " " + p.parameter().name() + " differs from its source");
                    }
                }
            }
        }
        assertThat(seeds).isGreaterThan(30);
        assertThat(problems).isEmpty();
    }

    @Test
    void aDraftThatChangesAStatedFigureIsFlaggedInTheExplanation(@TempDir Path dir) throws IOException {
        Path draft = Files.createDirectories(dir.resolve("wujin/draft"));
        Files.writeString(draft.resolve("ruleset.yaml"), """
                scheme: wujin
                version: draft
                extends: wujin@2024
                name: {zh: 武进草案, en: Wujin draft}
                effective: {from: 2025-01-01}
                """);
        Files.writeString(draft.resolve("parameters.yaml"), """
                criticalIllnessAmount:
                  type: money
                  value: 6000
                  provenance: {label: assumed, why: a proposal to raise the lump sum}
                """);
        // A draft in its own folder on top of the bundled (published) terms.
        SubsidyEngine engine = SubsidyEngine.builder().addRulesetFolder(dir).build();
        LocalDate d = LocalDate.of(2025, 5, 10);
        Member m = new Member("M", LocalDate.of(1975, 1, 1), true, false, null, null,
                List.of(new Enrolment("wujin", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31))));
        Claim claim = new Claim("C", m, d, null, List.of(),
                new Diagnosis("MALIGNANT_TUMOUR", d, false, false, null, null), null, null, null, null);
        org.huzhu.api.Decision decision = engine.evaluate(new EvaluationRequest("wujin", claim, null));
        Benefit b = decision.benefits().stream()
                .filter(x -> x.kind().equals("CRITICAL_ILLNESS")).findFirst().orElseThrow();
        assertThat(b.amount()).isEqualByComparingTo("6000");
        assertThat(b.clause()).contains("5000元");
        org.huzhu.api.Texts texts = engine.texts(decision);
        assertThat(b.explanation().stream().map(x -> texts.render(x, org.huzhu.api.Language.EN)))
                .contains("critical-illness amount is 6000 in this version; the source states 5000");
        assertThat(b.explanation().stream().map(x -> texts.render(x, org.huzhu.api.Language.ZH)))
                .contains("参数重大疾病补助金金额在本版本中为6000；原文所述为5000");
    }
}
