package org.huzhu.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One claim to evaluate: the ruleset reference ({@code scheme} or {@code scheme@version}), the claim and the
 * member's history. This is also the shape of a claim JSON file.
 *
 * <p>A pinned version must be in force on the claim's date, or the evaluation is refused
 * ({@link PinnedVersionNotInForceException}). With {@code whatIf} the claim is computed under the pinned version
 * anyway, and the decision is marked as a what-if: for diffs and simulations that compare versions over the same
 * claims, never for paying.
 *
 * <p>The claim's stays and the history's earlier stays together are at most {@link Limits#MAX_STAYS}, and a stay
 * may not be in both: the same id, or the same setting, dates, co-pay and out-of-policy amount, is the same stay
 * claimed twice, and it would count twice toward cumulative bases.
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
        int stays = claim.stays().size() + history.earlierStays().size();
        if (stays > Limits.MAX_STAYS) {
            throw new InvalidInputException("claim.stays", "has " + claim.stays().size()
                    + " stays and history.earlierStays " + history.earlierStays().size() + ", " + stays
                    + " in all; at most " + Limits.MAX_STAYS + " are allowed per claim");
        }
        noStayClaimedTwice(claim.stays(), history.earlierStays());
    }

    /** What makes two stays the same bill when their ids differ or are missing. */
    private record StayFacts(CareSetting setting, LocalDate admission, LocalDate discharge, BigDecimal coPay,
                             BigDecimal outOfPolicy) {
        static StayFacts of(HospitalStay s) {
            // The amounts are bounded by now (HospitalStay checked them), so stripping zeros is cheap; it makes
            // 100.5 and 100.50 the same amount.
            return new StayFacts(s.setting(), s.admissionDate(), s.dischargeDate(), s.coPay().stripTrailingZeros(),
                    s.outOfPolicy().stripTrailingZeros());
        }
    }

    // Hash lookups, not a pairwise scan: up to 10,000 stays on each side.
    private static void noStayClaimedTwice(List<HospitalStay> stays, List<HospitalStay> earlier) {
        if (stays.isEmpty() || earlier.isEmpty()) {
            return;
        }
        Map<String, Integer> byId = new HashMap<>();
        Map<StayFacts, Integer> byFacts = new HashMap<>();
        for (int i = 0; i < earlier.size(); i++) {
            HospitalStay e = earlier.get(i);
            if (e.id() != null && !e.id().isBlank()) {
                byId.putIfAbsent(e.id().strip(), i);
            }
            byFacts.putIfAbsent(StayFacts.of(e), i);
        }
        for (int i = 0; i < stays.size(); i++) {
            HospitalStay s = stays.get(i);
            Integer same = s.id() == null || s.id().isBlank() ? null : byId.get(s.id().strip());
            String why;
            if (same != null) {
                why = "the same id '" + s.id().strip() + "'";
            } else {
                same = byFacts.get(StayFacts.of(s));
                why = "the same dates " + s.admissionDate() + ".." + s.dischargeDate() + " and amounts";
            }
            if (same != null) {
                throw new InvalidInputException("claim.stays[" + i + "]",
                        "is also in history.earlierStays[" + same + "] (" + why
                                + "); a stay already claimed must not be claimed again");
            }
        }
    }

    /** A request for a decision (not a what-if). */
    public EvaluationRequest(String ruleset, Claim claim, BenefitHistory history) {
        this(ruleset, claim, history, false);
    }
}
