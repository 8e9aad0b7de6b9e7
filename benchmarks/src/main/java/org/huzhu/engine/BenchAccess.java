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
        String where = source.origin() + "/" + RulesetSource.METADATA;
        RulesetMetadata metadata = Yaml.bind(Yaml.tree(source.files().get(RulesetSource.METADATA), where),
                RulesetMetadata.class, where);
        Parameters parameters = ParameterFile.read(source.files().get(RulesetSource.PARAMETERS),
                source.origin() + "/" + RulesetSource.PARAMETERS);
        return new Loaded(metadata.id(), metadata, parameters, metadata.rounding().toRounding(),
                source.contentHash(), null, Map.of());
    }

    public static Loaded load(RulesetSource source) {
        CompiledRuleset c = CompiledRuleset.load(source);
        return new Loaded(c.metadata.id(), c.metadata, c.parameters, c.rounding, c.contentHash, c.knowledgeBase,
                c.clauses);
    }
}
