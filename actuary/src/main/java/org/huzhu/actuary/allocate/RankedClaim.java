package org.huzhu.actuary.allocate;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A candidate in its place in the priority order, paid or deferred to next year.
 *
 * @param rank           its place in the priority order, from 1, over paid and deferred claims together
 * @param claim          the candidate
 * @param amount         what it is paid, or would be paid next year: the decision's amount, plus for a range under
 *                       review the committee's amount or the range's minimum
 * @param amountSource   where the amount comes from
 * @param remainingAfter the budget left once this claim was paid or deferred
 * @param deferral       why it was deferred, or null when it was paid
 */
public record RankedClaim(int rank, Candidate claim, BigDecimal amount, AmountSource amountSource,
        BigDecimal remainingAfter, Deferral deferral) {
    /** Why a claim is deferred to next year. */
    public enum Deferral {
        /** It is larger than the budget left when its turn came. */
        DOES_NOT_FIT("does-not-fit"),
        /** Its turn came after the first claim that did not fit, under {@link MisfitPolicy#STOP_AT_FIRST_MISFIT}. */
        AFTER_FIRST_MISFIT("after-first-misfit");

        private final String label;

        Deferral(String label) {
            this.label = label;
        }

        /** The name in the JSON output and the text. */
        public String label() {
            return label;
        }
    }

    public RankedClaim {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(amountSource, "amountSource");
        Objects.requireNonNull(remainingAfter, "remainingAfter");
    }

    public boolean paid() {
        return deferral == null;
    }
}
