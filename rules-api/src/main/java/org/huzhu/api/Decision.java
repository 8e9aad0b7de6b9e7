package org.huzhu.api;

import java.math.BigDecimal;
import java.util.List;

/**
 * The answer for one claim: the benefits due, the refusals, what needs review, and exactly which ruleset
 * produced it.
 *
 * @param claimId        the claim's id
 * @param scheme         the scheme id, e.g. {@code wujin}
 * @param version        the ruleset version that applied, e.g. {@code 2024}
 * @param reform         the name of the reform that decided in place of that version (README, "Reforms"), or null
 *                       when the version's own terms decided
 * @param rulesetHash    SHA-256 of the ruleset's metadata, parameters and DRL, as hex; under a reform, the reform's
 *                       content hash (its file and rule files on top of its base's)
 * @param whatIf         true when the request asked for a what-if: a simulation under the version asked for,
 *                       never a decision to pay on (see {@link EvaluationRequest#whatIf()})
 * @param coveragePeriod the coverage period the claim fell in, or null if none
 * @param benefits       the benefits due
 * @param rejections     benefits refused, with reasons
 * @param reviewFlags    what a person must decide
 * @param warnings       things a clerk should know that change nothing, e.g. a stay outside the period
 * @param rulesFired     the rules that fired, in order
 */
public record Decision(
        String claimId,
        String scheme,
        String version,
        String reform,
        String rulesetHash,
        boolean whatIf,
        CoveragePeriod coveragePeriod,
        List<Benefit> benefits,
        List<Rejection> rejections,
        List<ReviewFlag> reviewFlags,
        List<Warning> warnings,
        List<String> rulesFired) {

    public Decision {
        benefits = Checks.list(benefits, "benefits");
        rejections = Checks.list(rejections, "rejections");
        reviewFlags = Checks.list(reviewFlags, "reviewFlags");
        warnings = Checks.list(warnings, "warnings");
        rulesFired = Checks.list(rulesFired, "rulesFired");
    }

    /** The sum of all fixed amounts (ranges excluded). */
    public BigDecimal total() {
        return benefits.stream().map(Benefit::amount).filter(a -> a != null).reduce(BigDecimal.ZERO,
                BigDecimal::add);
    }

    /**
     * The sum of the ranges of the benefits under review (a committee decides each within its range): min the sum of
     * the minimums, max the sum of the maximums; null when no benefit is a range.
     */
    public AmountRange pendingRange() {
        List<AmountRange> ranges = benefits.stream().map(Benefit::range).filter(r -> r != null).toList();
        if (ranges.isEmpty()) {
            return null;
        }
        return new AmountRange(ranges.stream().map(AmountRange::min).reduce(BigDecimal.ZERO, BigDecimal::add),
                ranges.stream().map(AmountRange::max).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    /** The sum of the fixed amounts of one kind (0 if none). */
    public BigDecimal amountOf(String kind) {
        return benefits.stream().filter(b -> b.kind().equals(kind)).map(Benefit::amount).filter(a -> a != null)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** {@code scheme@version}. */
    public String rulesetId() {
        return scheme + "@" + version;
    }

    public boolean needsReview() {
        return !reviewFlags.isEmpty();
    }
}
