package org.huzhu.engine;

import java.util.Map;
import org.huzhu.api.ruleset.Parameters;
import org.huzhu.api.ruleset.Rounding;
import org.kie.api.KieBase;

/**
 * The benchmarks' window on the engine's package-private loading: the same package on the classpath (no module
 * system here), so that the benchmarks build facts from exactly the parameters, rounding and clauses the engine
 * loads, without widening the engine's API for a measurement.
 */
public final class BenchAccess {
    private BenchAccess() {
    }

    /** One ruleset as the engine loads it: sandbox, classic compile, bytecode verifier. */
    public record Loaded(String id, RulesetMetadata metadata, Parameters parameters, Rounding rounding,
                         String contentHash, KieBase engineKieBase, Map<String, String> clauses) {
    }

    public static Loaded load(RulesetSource source) {
        CompiledRuleset c = CompiledRuleset.load(source);
        return new Loaded(c.metadata.id(), c.metadata, c.parameters, c.rounding, c.contentHash, c.knowledgeBase,
                c.clauses);
    }
}
