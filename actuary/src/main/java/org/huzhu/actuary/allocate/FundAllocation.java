package org.huzhu.actuary.allocate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.Limits;

/**
 * Allocates a budget to approved claims (Hunan's notice, seeds/003 四（五）: when the claims approved need more than the
 * local allocation, the union sets this year's priority claims and the others move to next year).
 *
 * <p>The claims are ranked by the {@link Priority}; each is paid its whole amount while the budget allows, never a
 * part. A claim larger than what is left is deferred, and then under {@link MisfitPolicy#SKIP_AND_CONTINUE} the
 * claims after it are still tried (a smaller one may fit), under {@link MisfitPolicy#STOP_AT_FIRST_MISFIT} all are
 * deferred. A range under review is allocated at the committee's amount when {@link ReviewOutcomes} has one, else at
 * the range's minimum.
 */
public final class FundAllocation {
    /** A bound on budgets, one trillion yuan (万亿), far above any union's fund: {@code 1e400} is a typing error. */
    public static final BigDecimal MAX_BUDGET = new BigDecimal("1000000000000.00");

    private FundAllocation() {
    }

    /**
     * Checks a budget: an amount in yuan, not negative, whole fen.
     *
     * @return the budget at scale 2
     */
    public static BigDecimal budget(BigDecimal budget) {
        if (budget == null) {
            throw new InvalidInputException("budget", "is required");
        }
        Limits.digits(budget, "budget");
        if (budget.signum() < 0) {
            throw new InvalidInputException("budget", "must not be negative, was " + Limits.display(budget));
        }
        if (budget.compareTo(MAX_BUDGET) > 0) {
            throw new InvalidInputException("budget", "must not exceed " + MAX_BUDGET.toPlainString() + " yuan, was "
                    + Limits.display(budget));
        }
        if (budget.stripTrailingZeros().scale() > 2) {
            throw new InvalidInputException("budget", "must be whole fen (at most 2 decimal places), was "
                    + Limits.display(budget));
        }
        return budget.setScale(2);
    }

    public static Allocation allocate(Decisions decisions, ReviewOutcomes reviews, BigDecimal budget,
            Priority priority, MisfitPolicy misfit) {
        BigDecimal left = budget(budget);
        List<PriorityKey.Ranked> ranked = amounts(decisions, reviews);
        ranked.sort(priority.comparator());
        List<RankedClaim> paid = new ArrayList<>();
        List<RankedClaim> deferred = new ArrayList<>();
        boolean stopped = false;
        int rank = 0;
        for (PriorityKey.Ranked r : ranked) {
            rank++;
            if (!stopped && r.amount().compareTo(left) <= 0) {
                left = left.subtract(r.amount());
                paid.add(new RankedClaim(rank, r.claim(), r.amount(), r.source(), left, null));
            } else {
                deferred.add(new RankedClaim(rank, r.claim(), r.amount(), r.source(), left,
                        stopped ? RankedClaim.Deferral.AFTER_FIRST_MISFIT : RankedClaim.Deferral.DOES_NOT_FIT));
                stopped = misfit == MisfitPolicy.STOP_AT_FIRST_MISFIT;
            }
        }
        return new Allocation(budget(budget), priority, misfit, paid, deferred, decisions.skipped());
    }

    /** Each candidate with the amount it is allocated; every committee amount checked against its claim. */
    private static List<PriorityKey.Ranked> amounts(Decisions decisions, ReviewOutcomes reviews) {
        Map<String, Candidate> byId = new HashMap<>();
        decisions.candidates().forEach(c -> byId.put(c.claimId(), c));
        Map<String, Skipped> skippedById = new HashMap<>();
        decisions.skipped().stream().filter(s -> s.claimId() != null).forEach(s -> skippedById.put(s.claimId(), s));
        for (ReviewOutcomes.CommitteeAmount a : reviews.amounts()) {
            Candidate c = byId.get(a.claimId());
            if (c == null) {
                Skipped s = skippedById.get(a.claimId());
                throw new InvalidInputException(a.line(), "claim " + a.claimId() + (s == null
                        ? " is not among the decisions" : " is not allocated (" + s.line() + ": " + s.reason().label()
                        + ", " + s.detail() + ")"));
            }
            if (c.underReview() == null) {
                throw new InvalidInputException(a.line(), "claim " + a.claimId() + " has no range under review ("
                        + c.line() + " grants " + c.granted().toPlainString() + ")");
            }
            if (a.amount().compareTo(c.underReview().min()) < 0 || a.amount().compareTo(c.underReview().max()) > 0) {
                throw new InvalidInputException(a.line(), "amount " + a.amount().toPlainString() + " of claim "
                        + a.claimId() + " is outside its range " + c.underReview().min().toPlainString() + "–"
                        + c.underReview().max().toPlainString());
            }
        }
        Map<String, ReviewOutcomes.CommitteeAmount> committee = new HashMap<>();
        reviews.amounts().forEach(a -> committee.put(a.claimId(), a));
        List<PriorityKey.Ranked> ranked = new ArrayList<>(decisions.candidates().size());
        for (Candidate c : decisions.candidates()) {
            if (c.underReview() == null) {
                ranked.add(new PriorityKey.Ranked(c, c.granted(), AmountSource.DECISION));
                continue;
            }
            ReviewOutcomes.CommitteeAmount a = committee.get(c.claimId());
            BigDecimal underReview = a != null ? a.amount() : c.underReview().min();
            ranked.add(new PriorityKey.Ranked(c, c.granted().add(underReview).setScale(2),
                    a != null ? AmountSource.COMMITTEE : AmountSource.RANGE_MINIMUM));
        }
        return ranked;
    }
}
