package org.huzhu.actuary.simulate;

import java.util.Objects;
import org.huzhu.api.BenefitHistory;
import org.huzhu.api.Claim;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.RulesetId;
import org.huzhu.api.SubsidyEngine;

/**
 * What one side of a simulation evaluates with: an engine and the ruleset reference it evaluates every claim under,
 * as a what-if (so a version is applied to claims outside its dates, and its decisions say they are what-ifs).
 *
 * <p>A version of the loaded rulesets is {@code of(engine, "quzhou@2016")}. A reform is an engine built with the
 * reform, evaluating its base version: {@code new Scenario("shaoxing-70-40000", reformEngine, "shaoxing@2015")}, the
 * reform replacing its base in that engine.
 *
 * @param name    what the outputs call it: the version ({@code quzhou@2016}) or the reform's name
 * @param engine  the engine that decides
 * @param ruleset {@code scheme@version}: the version every claim is evaluated under
 */
public record Scenario(String name, SubsidyEngine engine, String ruleset) {
    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(engine, "engine");
        if (!RulesetId.parse(ruleset).pinned()) {
            throw new IllegalArgumentException("a scenario evaluates one version, scheme@version, not '" + ruleset
                    + "'");
        }
    }

    /** A version of the engine's rulesets, named by its id. */
    public static Scenario of(SubsidyEngine engine, String ruleset) {
        return new Scenario(ruleset, engine, ruleset);
    }

    /** The scheme every claim must be of ({@code quzhou}). */
    public String scheme() {
        return RulesetId.parse(ruleset).scheme();
    }

    /** The request for a claim with the history this scenario carried to it: a what-if under its version. */
    EvaluationRequest request(Claim claim, BenefitHistory history) {
        return new EvaluationRequest(ruleset, claim, history, true);
    }
}
