package org.huzhu.engine;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.core.reteoo.ObjectTypeNode;
import org.huzhu.api.ParameterUse;
import org.huzhu.api.ruleset.Base;
import org.huzhu.api.ruleset.Granted;

/**
 * What an engine keeps of one loaded ruleset to evaluate claims with it, made once rather than for every claim or
 * every rule firing: its reusable rule sessions, its declared benefit kinds, and for each rule its clause and the
 * uses of the parameters its conditions read; and which stages have rules and which of the facts the engine inserts
 * between stages some rule matches, so that a claim inserts no fact and fires no stage that nothing would come of.
 * Thread-safe.
 */
final class RulesetRuntime {
    /** A rule as the engine records its firing: its clause, and the parameters its conditions read, in order. */
    record FiringRule(String clause, Map<String, ParameterUse> conditionUses) {
    }

    final RuleSessions sessions;
    final Set<String> declaredKinds;
    /** The stages with rules: the engine fires only these (Wujin has no adjust rules). */
    final Set<Stage> stagesWithRules;
    /** Whether some rule matches {@link Base} facts: if none does, the engine inserts none. */
    final boolean matchesBases;
    /** Whether some rule matches {@link Granted} facts: if none does, the engine inserts none. */
    final boolean matchesGranted;
    private final CompiledRuleset ruleset;
    /** The compiled rules (the engine compiles a version before it evaluates with it). */
    private final CompiledRuleset.Rules compiled;
    private final Map<String, FiringRule> rules = new ConcurrentHashMap<>();

    RulesetRuntime(CompiledRuleset ruleset, int maxIdleSessions) {
        this.ruleset = ruleset;
        this.compiled = ruleset.rules();
        this.sessions = new RuleSessions(compiled.knowledgeBase(), maxIdleSessions);
        this.declaredKinds = Set.copyOf(ruleset.metadata.benefits().keySet());
        this.stagesWithRules = stagesWithRules(compiled);
        this.matchesBases = matches(compiled, Base.class);
        this.matchesGranted = matches(compiled, Granted.class);
    }

    /**
     * The stages some rule is in. A rule outside every stage group (Drools' MAIN, only when the first sandbox layer
     * is off) fires in whichever stage is running, so then every stage is kept.
     */
    private static Set<Stage> stagesWithRules(CompiledRuleset.Rules compiled) {
        Set<Stage> stages = EnumSet.noneOf(Stage.class);
        for (org.kie.api.definition.KiePackage p : compiled.knowledgeBase().getKiePackages()) {
            for (org.kie.api.definition.rule.Rule r : p.getRules()) {
                String group = ((RuleImpl) r).getAgendaGroup();
                Stage stage = null;
                for (Stage s : Stage.values()) {
                    if (s.agendaGroup().equals(group)) {
                        stage = s;
                    }
                }
                if (stage == null) {
                    return EnumSet.allOf(Stage.class);
                }
                stages.add(stage);
            }
        }
        return Collections.unmodifiableSet(stages);
    }

    /**
     * Whether a pattern of some rule can match a fact of {@code type}: the network has a type node for it or for a
     * supertype. A fact no type node accepts reaches no rule; inserting it only costs a fact handle.
     */
    private static boolean matches(CompiledRuleset.Rules compiled, Class<?> type) {
        for (ObjectTypeNode node : compiled.knowledgeBase().getRete().getObjectTypeNodes()) {
            if (node.getObjectType().isAssignableFrom(type)) {
                return true;
            }
        }
        return false;
    }

    /** The rule named so, as its firings are recorded. */
    FiringRule rule(String name) {
        FiringRule r = rules.get(name);
        return r != null ? r : rules.computeIfAbsent(name, this::firingRule);
    }

    private FiringRule firingRule(String name) {
        // The sandbox checked each name and type at load; the use (value text, provenance) was built then too.
        Map<String, ParameterUse> uses = new LinkedHashMap<>();
        compiled.conditionParameters().getOrDefault(name, Map.of())
                .forEach((parameter, type) -> uses.put(parameter, ruleset.parameters.use(parameter)));
        return new FiringRule(compiled.clauses().get(name), Collections.unmodifiableMap(uses));
    }
}
