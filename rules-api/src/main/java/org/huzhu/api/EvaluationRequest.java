package org.huzhu.api;

/**
 * One claim to evaluate: the ruleset reference ({@code scheme} or {@code scheme@version}), the claim and the
 * member's history. This is also the shape of a claim JSON file.
 *
 * <p>A pinned version must be in force on the claim's date, or the evaluation is refused
 * ({@link PinnedVersionNotInForceException}). With {@code whatIf} the claim is computed under the pinned version
 * anyway, and the decision is marked as a what-if: for diffs and simulations that compare versions over the same
 * claims, never for paying.
 *
 * @param ruleset {@code scheme} or {@code scheme@version}
 * @param claim   the claim
 * @param history benefits already paid and stays already claimed; empty if null
 * @param whatIf  compute under the pinned version even if it is not in force on the claim date (default false)
 */
public record EvaluationRequest(String ruleset, Claim claim, BenefitHistory history, boolean whatIf) {
    public EvaluationRequest {
        Checks.requiredText(ruleset, "ruleset");
        Checks.required(claim, "claim");
        history = history == null ? BenefitHistory.EMPTY : history;
    }

    /** A request for a decision (not a what-if). */
    public EvaluationRequest(String ruleset, Claim claim, BenefitHistory history) {
        this(ruleset, claim, history, false);
    }
}
