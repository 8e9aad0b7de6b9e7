package org.huzhu.actuary.simulate;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.huzhu.api.EvaluationError;

/**
 * The figures of a simulation, each defined in README ("Simulation", "The summary's figures") so that another
 * implementation (the Spark job) reproduces every one exactly. Amounts are yuan, exact (sums of the decisions'
 * amounts) or rounded half-even to the fen where a division makes them (means, percentages).
 *
 * @param claims         entries in the population, error entries included
 * @param members        members: runs of claims with the same member id (the input is sorted by member)
 * @param baseline       the baseline's figures
 * @param reform         the reform's (or the version compared with)
 * @param delta          {@code reform.cost − baseline.cost}
 * @param deltaPercent   {@code delta / baseline.cost × 100}, half-even to 2 decimals; null when the baseline cost 0
 * @param distribution   claims by payout bin under each scenario (README: the bins)
 * @param byKind         count and cost by benefit kind, every kind either version declares
 * @param byBand         count and cost, winners, losers and unchanged, by the baseline's band
 * @param claimOutcomes  winners, losers and unchanged over the claims decided under both
 * @param memberOutcomes the same over members, each by the sum of its claims decided under both
 */
public record SimulationSummary(long claims, long members, ScenarioFigures baseline, ScenarioFigures reform,
        BigDecimal delta, BigDecimal deltaPercent, List<PayoutBin> distribution, List<KindFigures> byKind,
        List<BandFigures> byBand, Outcomes claimOutcomes, Outcomes memberOutcomes) {
    public SimulationSummary {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(reform, "reform");
        distribution = List.copyOf(distribution);
        byKind = List.copyOf(byKind);
        byBand = List.copyOf(byBand);
    }

    /**
     * One scenario's totals.
     *
     * @param name          the scenario's name (a version's id or a reform's name)
     * @param ruleset       the version it evaluated under
     * @param rulesetHashes the content hashes of the rulesets that decided, sorted (one, unless a reform applies
     *                      from a date and its base decided the earlier claims)
     * @param entries       entries evaluated: every entry of the population
     * @param decided       entries decided
     * @param errors        entries not decided: {@code entries = decided + errors}
     * @param errorsByCode  errors by code, in the order of {@link EvaluationError.Code}
     * @param cost          the sum of the payouts of the decided claims
     * @param pending       the ranges under review, summed
     * @param payouts       mean and percentiles of the decided claims' payouts; null when none was decided
     */
    public record ScenarioFigures(String name, String ruleset, List<String> rulesetHashes, long entries, long decided,
            long errors, Map<EvaluationError.Code, Long> errorsByCode, BigDecimal cost, Pending pending,
            Payouts payouts) {
        public ScenarioFigures {
            rulesetHashes = List.copyOf(rulesetHashes);
            EnumMap<EvaluationError.Code, Long> copy = new EnumMap<>(EvaluationError.Code.class);
            copy.putAll(errorsByCode);
            errorsByCode = Collections.unmodifiableMap(copy);
            if (entries != decided + errors) {
                throw new IllegalStateException("entries " + entries + " != decided " + decided + " + errors "
                        + errors);
            }
        }
    }

    /**
     * Benefits granted as a range for a committee to decide (Hunan above 300,000, Huzhou's charity top-up).
     *
     * @param claims claims with at least one range
     * @param min    the sum of the ranges' minimums
     * @param max    the sum of their maximums
     */
    public record Pending(long claims, BigDecimal min, BigDecimal max) {
    }

    /**
     * The payouts of the decided claims.
     *
     * @param mean the cost ÷ the claims decided, half-even to the fen
     * @param p50  the nearest-rank 50th percentile: the smallest payout at least ⌈0.50·n⌉ claims are paid at most
     * @param p90  the same at ⌈0.90·n⌉
     * @param p99  the same at ⌈0.99·n⌉
     * @param max  the largest payout
     */
    public record Payouts(BigDecimal mean, BigDecimal p50, BigDecimal p90, BigDecimal p99, BigDecimal max) {
    }

    /**
     * Claims by payout: {@code from} = {@code to} = 0 for the bin of claims paid nothing, else payouts in
     * {@code [from, to)} ({@code from} = 0 excluded: the first such bin is (0, 100)).
     */
    public record PayoutBin(BigDecimal from, BigDecimal to, long baseline, long reform) {
        /** Whether this is the bin of claims paid exactly nothing. */
        public boolean zero() {
            return to.signum() == 0;
        }
    }

    /** One benefit kind under both scenarios, with its names. */
    public record KindFigures(String kind, String nameZh, String nameEn, KindSide baseline, KindSide reform) {
    }

    /**
     * A kind under one scenario.
     *
     * @param claims        decided claims granted a fixed amount above 0 of the kind
     * @param cost          the sum of those amounts
     * @param pendingClaims decided claims granted the kind as a range under review
     */
    public record KindSide(long claims, BigDecimal cost, long pendingClaims) {
    }

    /**
     * One band of the baseline's, under both scenarios.
     *
     * @param band     the band
     * @param baseline the claims of the band the baseline decided, and their cost under it
     * @param reform   the claims of the band the reform decided, and their cost under it
     * @param claims   winners, losers and unchanged among the band's claims decided under both
     * @param members  the same among the members whose band it is (README: a member's band)
     */
    public record BandFigures(BaseBand band, BandSide baseline, BandSide reform, Outcomes claims, Outcomes members) {
    }

    /** Claims decided and their cost. */
    public record BandSide(long claims, BigDecimal cost) {
    }

    /**
     * Comparisons of payouts under the reform with the baseline's: a winner is paid more under the reform, a loser
     * less, unchanged the same (to the fen).
     */
    public record Outcomes(long winners, long losers, long unchanged) {
        /** How many were compared. */
        public long compared() {
            return winners + losers + unchanged;
        }
    }
}
