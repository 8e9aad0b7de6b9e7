package org.huzhu.engine;

import java.util.Map;
import java.util.Set;
import org.huzhu.api.ruleset.Parameters;
import org.huzhu.api.ruleset.Rounding;
import org.kie.api.KieBase;
import org.huzhu.engine.internal.RulesetSource;

/**
 * The benchmarks' window on the engine's package-private loading: the same package on the classpath (no module
 * system here), so that the benchmarks build facts from exactly the parameters, rounding and clauses the engine
 * loads, without widening the engine's API for a measurement.
 */
public final class BenchAccess {
    private BenchAccess() {
    }

    /** One ruleset as the engine loads it: sandbox, classic compile, bytecode verifier. */
    public record Loaded(String id, String scheme, String version, Set<String> benefitKinds,
                         Parameters parameters, Rounding rounding,
                         String contentHash, KieBase engineKieBase, Map<String, String> clauses,
                         Map<String, Map<String, String>> conditionParameters) {
    }

    /**
     * Metadata and parameters only, no Drools: for the cold-start shot, which must find every Drools class cold
     * on both routes (a classic compile in setup would warm the classic route only). Clauses are left empty.
     */
    public static Loaded loadWithoutCompiling(RulesetSource source) {
        // The effective metadata and parameters: an extension's own files hold only what differs from its base.
        EffectiveRuleset effective = EffectiveRuleset.of(source);
        RulesetMetadata metadata = effective.metadata();
        return new Loaded(metadata.id(), metadata.scheme(), metadata.version(), metadata.benefits().keySet(),
                effective.parameters(), metadata.rounding().toRounding(),
                source.contentHash(), null, Map.of(), Map.of());
    }

    /** The Drools agenda groups of the engine's stages, in the order the engine fires them. */
    public static java.util.List<String> stageGroups() {
        return java.util.Arrays.stream(Stage.values()).map(Stage::agendaGroup).toList();
    }

    /**
     * The DRL text with each rule's stage as the engine's sandbox gives it, written as an {@code agenda-group}
     * attribute: the routes compile DRL text without the sandbox, and without their groups the stages would not
     * run apart. The stage is the rule's {@code @stage}, else {@code count} if it counts, else {@code grant} (the
     * sandbox's inference, read here from the text: enough for the bundled rulesets the benchmarks run).
     */
    public static java.util.Map<String, String> withStageGroups(java.util.Map<String, String> drl) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        java.util.regex.Pattern rule = java.util.regex.Pattern.compile("(?ms)^(rule \"[^\"]*\"[^\n]*\n)(.*?^end)");
        java.util.regex.Pattern stage = java.util.regex.Pattern.compile("@stage\\(\"([a-z]+)\"\\)");
        drl.forEach((path, text) -> {
            java.util.regex.Matcher m = rule.matcher(text);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                java.util.regex.Matcher st = stage.matcher(m.group(2));
                Stage s = st.find() ? Stage.of(st.group(1))
                        : m.group(2).contains(".count(") || m.group(2).contains(".deduct(") ? Stage.COUNT : Stage.GRANT;
                // Attributes follow the annotations: the group goes just before `when`.
                String body = m.group(2).replaceFirst("(?m)^when", java.util.regex.Matcher.quoteReplacement(
                        "    agenda-group \"" + s.agendaGroup() + "\"\nwhen"));
                m.appendReplacement(b, java.util.regex.Matcher.quoteReplacement(m.group(1) + body));
            }
            m.appendTail(b);
            out.put(path, b.toString());
        });
        return out;
    }

    public static Loaded load(RulesetSource source) {
        CompiledRuleset c = CompiledRuleset.load(source);
        CompiledRuleset.Rules rules = c.rules();
        return new Loaded(c.metadata.id(), c.metadata.scheme(), c.metadata.version(),
                c.metadata.benefits().keySet(), c.parameters, c.rounding, c.contentHash, rules.knowledgeBase(),
                rules.clauses(), rules.conditionParameters());
    }
}
