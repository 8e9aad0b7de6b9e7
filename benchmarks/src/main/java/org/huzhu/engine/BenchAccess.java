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

    /**
     * Metadata and parameters only, no Drools: for the cold-start shot, which must find every Drools class cold
     * on both routes (a classic compile in setup would warm the classic route only). Clauses are left empty.
     */
    public static Loaded loadWithoutCompiling(RulesetSource source) {
        // The effective metadata and parameters: an extension's own files hold only what differs from its base.
        EffectiveRuleset effective = EffectiveRuleset.of(source);
        RulesetMetadata metadata = effective.metadata();
        return new Loaded(metadata.id(), metadata, effective.parameters(), metadata.rounding().toRounding(),
                source.contentHash(), null, Map.of());
    }

    public static Loaded load(RulesetSource source) {
        CompiledRuleset c = CompiledRuleset.load(source);
        return new Loaded(c.metadata.id(), c.metadata, c.parameters, c.rounding, c.contentHash, c.knowledgeBase,
                c.clauses);
    }
}
