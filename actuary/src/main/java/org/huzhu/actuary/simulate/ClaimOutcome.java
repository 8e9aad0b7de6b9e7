package org.huzhu.actuary.simulate;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.huzhu.api.AmountRange;
import org.huzhu.api.EvaluationError;

/**
 * One input entry of a simulation, as decided under both scenarios: a row of the per-claim CSV.
 *
 * @param index    the entry's position in the population, from 0, error entries included
 * @param where    the source lines it came from ({@code claims.csv:12-14})
 * @param claimId  the claim's id, or null when its lines could not be read as a claim
 * @param memberId the member's id, or null when its lines could not be read as a claim
 * @param band     the band or tier of the baseline's decision ({@link BaseBand#NONE} without one)
 * @param baseline what the baseline decided
 * @param reform   what the reform (or the version it is compared with) decided
 */
public record ClaimOutcome(long index, String where, String claimId, String memberId, BaseBand band,
        Side baseline, Side reform) {
    public ClaimOutcome {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(band, "band");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(reform, "reform");
    }

    /** Whether both scenarios decided it, so that its payouts compare. */
    public boolean compared() {
        return baseline.decided() && reform.decided();
    }

    /** The reform's payout less the baseline's, or null unless both decided. */
    public BigDecimal delta() {
        return compared() ? reform.payout().subtract(baseline.payout()) : null;
    }

    /**
     * What one scenario made of the claim: a decision's figures, or an error.
     *
     * @param payout      the sum of the fixed amounts granted (ranges under review excluded); null for an error
     * @param kinds       each kind granted a fixed amount above 0, with that amount, in the decision's order
     * @param pending     the sums of the ranges of benefits under review, or null when there is none
     * @param ranges      each kind granted as a range under review, with its range, in the decision's order
     * @param rulesetHash the content hash of the ruleset that decided; null for an error
     * @param error       why it was not decided, or null
     */
    public record Side(BigDecimal payout, Map<String, BigDecimal> kinds, AmountRange pending,
            Map<String, AmountRange> ranges, String rulesetHash, EvaluationError error) {
        public Side {
            if ((payout == null) == (error == null)) {
                throw new IllegalArgumentException("a side has a payout or an error, never both or neither");
            }
            kinds = kinds == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(kinds));
            ranges = ranges == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(ranges));
        }

        static Side failed(EvaluationError error) {
            return new Side(null, null, null, null, null, error);
        }

        public boolean decided() {
            return error == null;
        }
    }
}
