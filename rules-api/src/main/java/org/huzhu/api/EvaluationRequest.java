package org.huzhu.api;

/**
 * One claim to evaluate: the ruleset reference ({@code scheme} or {@code scheme@version}), the claim and the
 * member's history. This is also the shape of a claim JSON file.
 */
public record EvaluationRequest(String ruleset, Claim claim, BenefitHistory history) {
    public EvaluationRequest {
        Checks.requiredText(ruleset, "ruleset");
        Checks.required(claim, "claim");
        history = history == null ? BenefitHistory.EMPTY : history;
    }
}
