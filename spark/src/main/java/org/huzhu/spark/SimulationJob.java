package org.huzhu.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.huzhu.actuary.simulate.ClaimOutcome;
import org.huzhu.actuary.simulate.Scenario;
import org.huzhu.actuary.simulate.Simulation;
import org.huzhu.api.RulesetId;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.SubsidyEngine;

/**
 * What a simulation job decides with, as it travels to the executors: the rulesets and reform by content
 * ({@link RulesetBundle}), the versions compared, the chunk size, and the content hash of every ruleset the driver's
 * engines loaded. Each executor JVM builds its engines from the bundle once ({@link #simulation()}), each on the
 * calling thread only ({@code parallelism(1)}: Spark's tasks are the parallelism), and refuses to evaluate anything
 * if what it loaded differs from what the driver loaded.
 *
 * @param bundle      the ruleset folders and reform, by content
 * @param baseline    the baseline version, {@code scheme@version}
 * @param versus      the version compared with, or null when the bundle's reform is
 * @param chunkClaims claims per chunk of whole members evaluated together ({@link Simulation})
 * @param loaded      every ruleset the driver's engines loaded, as {@code engine: id [reform] contentHash} lines
 */
public record SimulationJob(RulesetBundle bundle, String baseline, String versus, int chunkClaims,
        List<String> loaded) implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Executor JVMs keep the engines of this many jobs (the latest used), so a long-lived executor stays bounded. */
    private static final int ENGINES_KEPT = 4;
    private static final Map<String, Engines> BUILT = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Engines> eldest) {
            return size() > ENGINES_KEPT;
        }
    };

    public SimulationJob {
        loaded = List.copyOf(loaded);
        if ((versus == null) == (bundle.reform() == null)) {
            throw new IllegalArgumentException("a simulation compares the baseline with exactly one of a version "
                    + "(versus) and a reform");
        }
    }

    /**
     * Plans a job on the driver: reads the folders and reform into a bundle and loads them as named (from their
     * paths), which checks the versions and the reform, and records what was loaded.
     *
     * @param reformFile the reform compared with the baseline, or null with {@code versus}
     * @throws IllegalArgumentException a version not loaded, versions of two schemes, a reform of another version
     */
    public static SimulationJob plan(List<Path> rulesetFolders, String baseline, String versus, Path reformFile,
            int chunkClaims) {
        if (!RulesetId.parse(baseline).pinned() || (versus != null && !RulesetId.parse(versus).pinned())) {
            throw new IllegalArgumentException("the baseline and the version compared with must each be "
                    + "scheme@version: " + baseline + (versus == null ? "" : ", " + versus));
        }
        RulesetBundle bundle = RulesetBundle.read(rulesetFolders, reformFile);
        SubsidyEngine.Builder base = SubsidyEngine.builder().parallelism(1);
        rulesetFolders.forEach(base::addRulesetFolder);
        SubsidyEngine baseEngine = base.build();
        SubsidyEngine otherEngine = baseEngine;
        if (reformFile != null) {
            SubsidyEngine.Builder withReform = SubsidyEngine.builder().parallelism(1);
            rulesetFolders.forEach(withReform::addRulesetFolder);
            otherEngine = withReform.reform(reformFile).build();
        }
        Scenario[] scenarios = scenarios(baseEngine, otherEngine, baseline, versus, reformFile != null);
        new Simulation(scenarios[0], scenarios[1], 1, chunkClaims);     // checks versions and schemes
        return new SimulationJob(bundle, baseline, versus, chunkClaims, fingerprint(baseEngine, otherEngine));
    }

    /**
     * This JVM's simulation for the job: built from the bundle on first use, then shared by every task of the job
     * in this JVM (engines are thread-safe; the simulation keeps no state between calls).
     *
     * @throws IllegalStateException what the bundle loads here differs from what the driver loaded
     */
    public Simulation simulation() {
        return engines().simulation;
    }

    /** The content hashes a decision of each scenario may carry: those of the versions the driver loaded. */
    Set<String> allowedHashes(boolean ofBaseline) {
        return ofBaseline ? engines().baselineHashes : engines().otherHashes;
    }

    /**
     * Checks that each side of an outcome that was decided was decided by a ruleset the driver named.
     *
     * @throws IllegalStateException a decision stamped with another content hash
     */
    void checkDecidedBy(ClaimOutcome o) {
        Engines e = engines();
        check(o.baseline(), e.baselineHashes, o);
        check(o.reform(), e.otherHashes, o);
    }

    private static void check(ClaimOutcome.Side side, Set<String> allowed, ClaimOutcome o) {
        if (side.decided() && !allowed.contains(side.rulesetHash())) {
            throw new IllegalStateException("claim " + o.claimId() + " (" + o.where() + ") was decided by a ruleset "
                    + "with content hash " + side.rulesetHash() + ", not one the driver loaded " + allowed);
        }
    }

    private String key() {
        return bundle.hash() + " " + baseline + " " + versus + " " + chunkClaims + " " + loaded.hashCode();
    }

    private Engines engines() {
        synchronized (BUILT) {
            return BUILT.computeIfAbsent(key(), k -> build());
        }
    }

    private Engines build() {
        return bundle.buildFrom(dir -> {
            SubsidyEngine baseEngine = bundle.builder(dir, false).parallelism(1).build();
            SubsidyEngine otherEngine = versus != null ? baseEngine
                    : bundle.builder(dir, true).parallelism(1).build();
            checkLoaded(fingerprint(baseEngine, otherEngine), loaded);
            Scenario[] s = scenarios(baseEngine, otherEngine, baseline, versus, versus == null);
            return new Engines(new Simulation(s[0], s[1], 1, chunkClaims), hashes(baseEngine, s[0].ruleset()),
                    hashes(otherEngine, s[1].ruleset()));
        });
    }

    /**
     * Checks that an executor loaded from the bundle exactly what the driver loaded.
     *
     * @throws IllegalStateException naming what differs both ways
     */
    static void checkLoaded(List<String> here, List<String> loaded) {
        if (!here.equals(loaded)) {
            List<String> differ = new ArrayList<>(here);
            differ.removeAll(loaded);
            List<String> missing = new ArrayList<>(loaded);
            missing.removeAll(here);
            throw new IllegalStateException("the rulesets loaded from the job's bundle differ from the driver's: "
                    + "here but not on the driver " + differ + ", on the driver but not here " + missing);
        }
    }

    private static Scenario[] scenarios(SubsidyEngine base, SubsidyEngine other, String baseline, String versus,
            boolean reform) {
        Scenario b = Scenario.of(base, baseline);
        if (!reform) {
            return new Scenario[] {b, Scenario.of(base, versus)};
        }
        RulesetInfo info = other.rulesets().stream().filter(r -> r.reform() != null).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the reform file holds no reform"));
        if (!info.id().equals(baseline)) {
            throw new IllegalArgumentException("the reform " + info.reform().name() + " changes " + info.id()
                    + ", not the baseline " + baseline);
        }
        return new Scenario[] {b, new Scenario(info.reform().name(), other, baseline)};
    }

    private static List<String> fingerprint(SubsidyEngine base, SubsidyEngine other) {
        List<String> lines = new ArrayList<>();
        for (RulesetInfo r : base.rulesets()) {
            lines.add("baseline: " + line(r));
        }
        if (other != base) {
            for (RulesetInfo r : other.rulesets()) {
                lines.add("other: " + line(r));
            }
        }
        return lines;
    }

    static String line(RulesetInfo r) {
        return r.id() + (r.reform() == null ? "" : " reform " + r.reform().name()) + " " + r.contentHash();
    }

    private static Set<String> hashes(SubsidyEngine engine, String id) {
        Set<String> out = new TreeSet<>();
        engine.rulesets().stream().filter(r -> r.id().equals(id)).forEach(r -> out.add(r.contentHash()));
        return out;
    }

    private record Engines(Simulation simulation, Set<String> baselineHashes, Set<String> otherHashes) {
    }
}
