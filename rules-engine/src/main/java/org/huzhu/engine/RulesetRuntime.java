package org.huzhu.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.huzhu.api.ParameterUse;

/**
 * What an engine keeps of one loaded ruleset to evaluate claims with it, made once rather than for every claim or
 * every rule firing: its reusable rule sessions, its declared benefit kinds, and for each rule its clause and the
 * uses of the parameters its conditions read. Thread-safe.
 */
final class RulesetRuntime {
    /** A rule as the engine records its firing: its clause, and the parameters its conditions read, in order. */
    record FiringRule(String clause, Map<String, ParameterUse> conditionUses) {
    }

    final RuleSessions sessions;
    final Set<String> declaredKinds;
    private final CompiledRuleset ruleset;
    /** The compiled rules (the engine compiles a version before it evaluates with it). */
    private final CompiledRuleset.Rules compiled;
    private final Map<String, FiringRule> rules = new ConcurrentHashMap<>();

    RulesetRuntime(CompiledRuleset ruleset, int maxIdleSessions) {
        this.ruleset = ruleset;
        this.compiled = ruleset.rules();
        this.sessions = new RuleSessions(compiled.knowledgeBase(), maxIdleSessions);
        this.declaredKinds = Set.copyOf(ruleset.metadata.benefits().keySet());
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
