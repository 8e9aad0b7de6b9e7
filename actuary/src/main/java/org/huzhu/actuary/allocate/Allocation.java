package org.huzhu.actuary.allocate;

import java.math.BigDecimal;
import java.util.List;

/**
 * A fund allocation (README, "Fund allocation"): the claims paid from the budget and those deferred to next year,
 * both in priority order, and the lines skipped. Every line of the decisions is in exactly one of the three lists.
 *
 * @param budget   the budget, yuan
 * @param priority the order the claims were taken in
 * @param misfit   what was done at a claim that did not fit
 * @param paid     the claims paid, in priority order
 * @param deferred the claims deferred to next year with the amounts they are owed, in priority order
 * @param skipped  the lines not allocated, in input order
 */
public record Allocation(BigDecimal budget, Priority priority, MisfitPolicy misfit, List<RankedClaim> paid,
        List<RankedClaim> deferred, List<Skipped> skipped) {
    public Allocation {
        paid = List.copyOf(paid);
        deferred = List.copyOf(deferred);
        skipped = List.copyOf(skipped);
    }

    /** The lines read: paid, deferred and skipped. */
    public int entries() {
        return paid.size() + deferred.size() + skipped.size();
    }

    /** The sum paid from the budget; never above it. */
    public BigDecimal paidTotal() {
        return sum(paid);
    }

    /** The budget left unspent. */
    public BigDecimal remaining() {
        return budget.subtract(paidTotal());
    }

    /** The sum owed to the deferred claims, for next year. */
    public BigDecimal deferredTotal() {
        return sum(deferred);
    }

    private static BigDecimal sum(List<RankedClaim> claims) {
        return claims.stream().map(RankedClaim::amount).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }
}
