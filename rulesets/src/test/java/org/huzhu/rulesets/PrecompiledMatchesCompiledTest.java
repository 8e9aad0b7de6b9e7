package org.huzhu.rulesets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.EvaluationResult;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.engine.PrecompiledAccess;
import org.junit.jupiter.api.Test;

/**
 * The build precompiles every bundled ruleset (PrecompiledRulesets, in process-classes): an engine reading them from
 * the classpath uses those files, and decides every claim exactly as an engine that compiles the same DRL from the
 * folder: same rule names, same decisions (explanations, clauses, parameters read), same errors.
 */
class PrecompiledMatchesCompiledTest {
    private static final Path ROOT = Path.of(System.getProperty("huzhu.rulesets", "."));

    @Test
    void precompiledRulesetsMatchTheirDrlCompiled() {
        SubsidyEngine bundled = SubsidyEngine.builder().parallelism(1).build();
        SubsidyEngine compiled = SubsidyEngine.builder().classpathRulesets(false).addRulesetFolder(ROOT)
                .parallelism(1).build();

        assertThat(PrecompiledAccess.precompiled(bundled)).hasSize(11).allSatisfy((id, precompiled) ->
                assertThat(precompiled).as(id).isTrue());
        assertThat(PrecompiledAccess.precompiled(compiled)).allSatisfy((id, precompiled) ->
                assertThat(precompiled).as(id).isFalse());
        for (int i = 0; i < compiled.rulesets().size(); i++) {
            RulesetInfo c = compiled.rulesets().get(i);
            RulesetInfo b = bundled.rulesets().get(i);
            assertThat(b.id()).isEqualTo(c.id());
            assertThat(b.contentHash()).isEqualTo(c.contentHash());
            assertThat(b.rules()).containsExactlyElementsOf(c.rules());
        }

        ClaimGenerator claims = new ClaimGenerator(compiled.rulesets());
        List<EvaluationRequest> requests = new ArrayList<>();
        for (long seed = 1; seed <= 3_000; seed++) {
            requests.add(claims.request(seed * 7_919));
        }
        List<EvaluationResult> fromPrecompiled = bundled.evaluateAll(requests);
        List<EvaluationResult> fromDrl = compiled.evaluateAll(requests);
        assertThat(fromPrecompiled).isEqualTo(fromDrl);
        assertThat(fromDrl).filteredOn(r -> !r.failed()).hasSizeGreaterThan(2_000);
        assertThat(fromDrl.stream().filter(r -> !r.failed()).map(r -> r.decision().scheme()).distinct())
                .hasSize(8);
    }
}
