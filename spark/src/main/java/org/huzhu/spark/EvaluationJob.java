package org.huzhu.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.huzhu.api.Decision;
import org.huzhu.api.SubsidyEngine;

/**
 * What an evaluation job decides with, as it travels to the executors: the rulesets (and a reform, which replaces its
 * base) by content ({@link RulesetBundle}), the chunk size, and the content hash of every ruleset the driver's engine
 * loaded. Each executor JVM builds its engine from the bundle once ({@link #engine()}), on the calling thread only
 * ({@code parallelism(1)}), and refuses to evaluate if what it loaded differs from what the driver loaded.
 *
 * @param bundle      the ruleset folders and reform, by content
 * @param chunkClaims claims a task hands to {@code evaluateAll} together
 * @param loaded      every ruleset the driver's engine loaded, as {@code id [reform name] contentHash} lines
 */
public record EvaluationJob(RulesetBundle bundle, int chunkClaims, List<String> loaded) implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int ENGINES_KEPT = 4;
    private static final Map<String, Engine> BUILT = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Engine> eldest) {
            return size() > ENGINES_KEPT;
        }
    };

    public EvaluationJob {
        loaded = List.copyOf(loaded);
        if (chunkClaims < 1) {
            throw new IllegalArgumentException("chunkClaims must be at least 1: " + chunkClaims);
        }
    }

    /**
     * Plans a job on the driver: reads the folders and the reform into a bundle and loads them from their paths
     * (which checks them, errors naming the user's files), recording what was loaded.
     *
     * @param reformFile a reform to decide with in place of its base, or null
     */
    public static EvaluationJob plan(List<Path> rulesetFolders, Path reformFile, int chunkClaims) {
        RulesetBundle bundle = RulesetBundle.read(rulesetFolders, reformFile);
        SubsidyEngine.Builder builder = SubsidyEngine.builder().parallelism(1);
        rulesetFolders.forEach(builder::addRulesetFolder);
        if (reformFile != null) {
            builder.reform(reformFile);
        }
        return new EvaluationJob(bundle, chunkClaims, fingerprint(builder.build()));
    }

    /**
     * This JVM's engine for the job: built from the bundle on first use, then shared by every task of the job here.
     *
     * @throws IllegalStateException what the bundle loads here differs from what the driver loaded
     */
    public SubsidyEngine engine() {
        return engines().engine;
    }

    /**
     * Checks that a decision was made by a ruleset the driver loaded.
     *
     * @throws IllegalStateException a decision stamped with another content hash
     */
    void checkDecidedBy(Decision d) {
        Set<String> allowed = engines().hashes;
        if (!allowed.contains(d.rulesetHash())) {
            throw new IllegalStateException("claim " + d.claimId() + " was decided by a ruleset with content hash "
                    + d.rulesetHash() + ", not one the driver loaded " + allowed);
        }
    }

    private Engine engines() {
        synchronized (BUILT) {
            return BUILT.computeIfAbsent(bundle.hash() + " " + chunkClaims + " " + loaded.hashCode(), k -> build());
        }
    }

    private Engine build() {
        return bundle.buildFrom(dir -> {
            SubsidyEngine engine = bundle.builder(dir, bundle.reform() != null).parallelism(1).build();
            SimulationJob.checkLoaded(fingerprint(engine), loaded);
            Set<String> hashes = new TreeSet<>();
            engine.rulesets().forEach(r -> hashes.add(r.contentHash()));
            return new Engine(engine, hashes);
        });
    }

    private static List<String> fingerprint(SubsidyEngine engine) {
        return engine.rulesets().stream().map(SimulationJob::line).toList();
    }

    private record Engine(SubsidyEngine engine, Set<String> hashes) {
    }
}
