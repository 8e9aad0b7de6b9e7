package org.huzhu.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.RulesetRefusedException;
import org.huzhu.api.SubsidyEngine;
import org.junit.jupiter.api.Test;

/** The lexical DRL count before parsing (the engine's own refusals are in LoadingLimitsTest). */
class DrlLimitsTest {
    @Test
    void bracketsInCommentsAndStringsDoNotCount() {
        String drl = "// " + "(".repeat(200) + "\n/* " + "[".repeat(200) + " */\nrule \"r " + "{".repeat(200)
                + "\"\nwhen\nthen\nend\nrule 'q'\n";
        assertThat(DrlLimits.check("f.drl", drl)).isEqualTo(2);
    }

    @Test
    void rulesAreCountedWhereverTheyStartButNotInCodeStringsOrComments() {
        // Rules packed after "end" on one line are counted; "rule" as a member, a variable or in text is not.
        String drl = "rule \"a\" when then end rule \"b\" when then end rule c when then end\n"
                + "rule \"d\" when then\n  String x = $c.rule; int rule = 1; String rules = \"rule x\"; end\n"
                + "// rule \"e\"\n";
        assertThat(DrlLimits.check("f.drl", drl)).isEqualTo(4);
        String packed = "package t;\n" + "rule \"r\" when then end ".repeat(LoadingLimits.MAX_RULES + 1);
        assertThatThrownBy(() -> DrlLimits.check("f.drl", packed))
                .isInstanceOf(RulesetRefusedException.class)
                .hasMessage("f.drl:2: more than 1000 rules");
    }

    @Test
    void theLexicalRuleCountMatchesTheParsedRulesOfEveryBundledRuleset() throws IOException {
        // The count refuses before parsing, so it must count what the parser finds: checked on real rulesets.
        SubsidyEngine engine = SubsidyEngine.builder().compileAtBuild(true).classpathRulesets(false)
                .addRulesetFolder(Path.of("..", "rulesets")).build();
        int checked = 0;
        for (RulesetSource s : RulesetSource.fromFolder(Path.of("..", "rulesets"))) {
            // An extension compiles its base's files too: count what it loads, not only its own folder.
            int counted = s.effectiveDrl().entrySet().stream().mapToInt(e -> DrlLimits.check(e.getKey(),
                    e.getValue())).sum();
            RulesetInfo info = engine.rulesets().stream().filter(i -> i.origin().equals(s.origin())).findFirst()
                    .orElseThrow();
            assertThat(counted).as(s.origin()).isEqualTo(info.rules().size());
            checked++;
        }
        assertThat(checked).isPositive().isEqualTo(engine.rulesets().size());
    }
}
