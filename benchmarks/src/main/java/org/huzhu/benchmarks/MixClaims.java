package org.huzhu.benchmarks;

import java.util.ArrayList;
import java.util.List;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.HuzhuException;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.engine.internal.RulesetSource;
import org.huzhu.testkit.CaseFiles;
import org.huzhu.testkit.TestCase;

/**
 * A population mixing every bundled scheme: the claims of every bundled ruleset's own cases (the hand-worked
 * ones the build tests), those the engine decides, repeated in order up to the size asked. Each scheme weighs as many
 * claims as its cases have; they are edge cases more than a real population is (many refusals, many bands'
 * edges), which is what makes them a hard mix.
 */
public final class MixClaims {
    private MixClaims() {
    }

    /** {@code count} requests cycling through the cases' claims that {@code engine} decides without error. */
    public static List<EvaluationRequest> generate(SubsidyEngine engine, int count) {
        List<EvaluationRequest> decided = new ArrayList<>();
        for (RulesetSource source : Bundled.sources().values()) {
            String id = source.rulesetId();
            source.cases().forEach((path, text) -> {
                for (TestCase c : CaseFiles.read(id + "/" + path, text, id)) {
                    if (c.request() == null) {
                        continue;
                    }
                    try {
                        engine.evaluate(c.request());
                        decided.add(c.request());
                    } catch (HuzhuException e) {
                        // A case that expects an error (unknown ruleset, no version in force): not a claim to time.
                    }
                }
            });
        }
        List<EvaluationRequest> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(decided.get(i % decided.size()));
        }
        return out;
    }
}
