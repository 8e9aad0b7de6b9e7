package org.huzhu.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.huzhu.api.Benefit;
import org.huzhu.api.Decision;
import org.huzhu.api.Language;
import org.huzhu.api.ParameterUse;
import org.huzhu.api.Rejection;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.api.ruleset.Parameter;
import org.huzhu.api.ruleset.Provenance;
import org.huzhu.testkit.CaseFiles;
import org.huzhu.testkit.CaseRunner;
import org.huzhu.testkit.TestCase;
import org.junit.jupiter.api.Test;
import org.huzhu.engine.internal.RulesetSource;

/**
 * Every parameter of every bundled ruleset is explained: it has a display name in Chinese and English, and every
 * benefit and rejection a rule produced in any bundled case lists the parameters its rule's conditions read (found
 * at load, {@link CompiledRuleset.Rules#conditionParameters}), each with its provenance, value and whether it differs from
 * the source. In the engine's package for the per-rule condition reads, which are not part of the public API.
 */
class BundledParametersExplainedTest {
    private static final Path ROOT = Path.of(System.getProperty("huzhu.rulesets", "."));

    private static Map<String, CompiledRuleset> loaded() {
        Map<String, CompiledRuleset> byId = new LinkedHashMap<>();
        for (RulesetSource s : RulesetSource.fromFolder(ROOT)) {
            byId.put(s.rulesetId(), CompiledRuleset.load(s));
        }
        assertThat(byId).as("bundled rulesets").hasSizeGreaterThanOrEqualTo(11);
        return byId;
    }

    @Test
    void everyParameterHasADisplayNameInBothLanguages() {
        List<String> missing = new ArrayList<>();
        int names = 0;
        for (CompiledRuleset r : loaded().values()) {
            for (RulesetInfo.ParameterInForce p : r.info.parameters()) {
                String name = p.parameter().name();
                String zh = displayName(r, name, Language.ZH);
                String en = displayName(r, name, Language.EN);
                names++;
                // Without a parameter.<name> key the renderer shows the identifier: Latin, and equal to the name.
                if (!zh.matches("[^A-Za-z]*\\p{IsHan}[^A-Za-z]*")) {
                    missing.add(r.info.id() + " " + name + " zh: " + zh);
                }
                if (en.equals(name) || en.matches(".*[a-z][A-Z].*")) {
                    missing.add(r.info.id() + " " + name + " en: " + en);
                }
            }
        }
        assertThat(missing).isEmpty();
        assertThat(names).isGreaterThan(40);
    }

    /** The name as steps and outcomes show it. */
    private static String displayName(CompiledRuleset r, String name, Language lang) {
        return r.texts.parameter(name, lang);
    }

    @Test
    void everyOutcomeOfEveryBundledCaseListsTheParametersThatDecidedIt() {
        Map<String, CompiledRuleset> byId = loaded();
        SubsidyEngine engine = SubsidyEngine.builder().classpathRulesets(false).addRulesetFolder(ROOT).build();
        CaseRunner runner = new CaseRunner(engine);
        List<String> problems = new ArrayList<>();
        int[] outcomes = new int[3];   // by a rule; of them with condition reads; rejections with parameters
        for (RulesetSource source : RulesetSource.fromFolder(ROOT)) {
            String id = source.rulesetId();
            source.cases().forEach((path, text) -> {
                for (TestCase c : CaseFiles.read(id + "/" + path, text, id)) {
                    Decision d = runner.run(c).decision();
                    if (d == null) {
                        continue;   // a case that expects an error
                    }
                    CompiledRuleset r = byId.get(d.rulesetId());
                    String at = id + "/" + path + " " + c.name() + ": ";
                    for (Benefit b : d.benefits()) {
                        check(r, b.rule(), b.parameters(), at + b.kind() + " by '" + b.rule() + "'", problems,
                                outcomes);
                    }
                    for (Rejection x : d.rejections()) {
                        if (x.rule() == null) {
                            // The engine's own refusal (not enrolled): no rule, no parameter decided it.
                            assertThat(x.parameters()).isEmpty();
                            continue;
                        }
                        check(r, x.rule(), x.parameters(), at + x.code() + " by '" + x.rule() + "'", problems,
                                outcomes);
                        outcomes[2] += x.parameters().isEmpty() ? 0 : 1;
                    }
                }
            });
        }
        assertThat(problems).isEmpty();
        // Not vacuous: the bundled cases produce many outcomes, most decided by parameters, rejections among them.
        // Today: 317 outcomes by a rule, 96 of them by a rule whose conditions read parameters, 22 rejections that
        // list parameters.
        assertThat(outcomes[0]).isGreaterThanOrEqualTo(300);
        assertThat(outcomes[1]).isGreaterThanOrEqualTo(90);
        assertThat(outcomes[2]).isGreaterThanOrEqualTo(20);
    }

    private static void check(CompiledRuleset r, String rule, Map<String, ParameterUse> listed, String what,
                              List<String> problems, int[] outcomes) {
        outcomes[0]++;
        Map<String, String> conditions = r.rules().conditionParameters().getOrDefault(rule, Map.of());
        outcomes[1] += conditions.isEmpty() ? 0 : 1;
        for (String name : conditions.keySet()) {
            if (!listed.containsKey(name)) {
                problems.add(what + " lacks " + name + ", which its conditions read");
            }
        }
        listed.forEach((key, use) -> {
            Parameter p = r.parameters.named(use.name());
            if (p == null) {
                problems.add(what + " lists " + key + ", which is no parameter");
                return;
            }
            if (!explained(use.provenance())) {
                problems.add(what + " lists " + key + " without provenance: " + use.provenance());
            }
            if (!use.provenance().equals(p.provenance()) || use.differsFromSource() != p.differsFromSource()) {
                problems.add(what + " lists " + key + " with another provenance than the parameter's");
            }
            if (key.equals(use.name()) && !use.value().equals(p.valueText())) {
                problems.add(what + " lists " + key + " = " + use.value() + ", not its value " + p.valueText());
            }
        });
    }

    /** A label, a source, and what the label asks for: the quoted clause, how it was derived, why it was assumed. */
    private static boolean explained(Provenance p) {
        if (p == null || p.source() == null || p.source().isBlank()) {
            return false;
        }
        String says = switch (p.label()) {
            case "seed" -> p.clause();
            case "derived" -> p.how();
            case "assumed" -> p.why();
            default -> null;
        };
        return says != null && !says.isBlank();
    }
}
