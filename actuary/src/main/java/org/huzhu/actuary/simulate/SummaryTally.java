package org.huzhu.actuary.simulate;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.huzhu.actuary.simulate.SimulationSummary.BandFigures;
import org.huzhu.actuary.simulate.SimulationSummary.BandSide;
import org.huzhu.actuary.simulate.SimulationSummary.KindFigures;
import org.huzhu.actuary.simulate.SimulationSummary.KindSide;
import org.huzhu.actuary.simulate.SimulationSummary.Outcomes;
import org.huzhu.actuary.simulate.SimulationSummary.PayoutBin;
import org.huzhu.actuary.simulate.SimulationSummary.Payouts;
import org.huzhu.actuary.simulate.SimulationSummary.Pending;
import org.huzhu.actuary.simulate.SimulationSummary.ScenarioFigures;
import org.huzhu.api.BenefitKind;
import org.huzhu.api.EvaluationError;

/**
 * Adds up a simulation's outcomes into its {@link SimulationSummary} ({@link Simulation#summary}). What it keeps grows
 * with the distinct payouts, kinds and bands, never with the claims. The figures do not depend on the order outcomes
 * are added in (sums, counts, a histogram, sorted sets), so tallies of parts of a population, each kept on one thread,
 * {@link #merge} into the tally of the whole: what the Spark job does with one tally per partition (it is
 * {@link Serializable} for that). A member's outcome is added by the tally that added its claims.
 */
public final class SummaryTally implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Side baseline;
    private final Side reform;
    private final TreeMap<BaseBand, BandTally> bands = new TreeMap<>();
    private long claims;
    private long members;
    private final long[] claimOutcomes = new long[3];
    private final long[] memberOutcomes = new long[3];

    /** An empty tally of a simulation of these scenarios ({@link Simulation#tally()}). */
    SummaryTally(Scenario baseline, Scenario reform) {
        this.baseline = new Side(baseline);
        this.reform = new Side(reform);
    }

    /** Adds one entry's outcome. */
    public void add(ClaimOutcome outcome) {
        claims++;
        baseline.add(outcome.baseline());
        reform.add(outcome.reform());
        BandTally band = bands.computeIfAbsent(outcome.band(), b -> new BandTally());
        band.baseline.add(outcome.baseline());
        band.reform.add(outcome.reform());
        if (outcome.compared()) {
            int c = compare(outcome.baseline().payout(), outcome.reform().payout());
            claimOutcomes[c]++;
            band.claims[c]++;
        }
    }

    /** Adds one member's outcome (each member once, by the tally that added its claims). */
    public void add(MemberOutcome member) {
        members++;
        if (member.compared()) {
            int c = compare(member.baseline(), member.reform());
            memberOutcomes[c]++;
            bands.computeIfAbsent(member.band(), b -> new BandTally()).members[c]++;
        }
    }

    /** 0 a winner (the reform pays more), 1 a loser, 2 unchanged. */
    private static int compare(BigDecimal baseline, BigDecimal reform) {
        int c = reform.compareTo(baseline);
        return c > 0 ? 0 : c < 0 ? 1 : 2;
    }

    /**
     * Adds another tally's outcomes to this one: afterwards this tally is that of both parts' outcomes.
     *
     * @throws IllegalArgumentException the other tally is of other scenarios
     */
    public void merge(SummaryTally other) {
        if (!baseline.sameScenario(other.baseline) || !reform.sameScenario(other.reform)) {
            throw new IllegalArgumentException("a tally of " + other.baseline.name + " versus " + other.reform.name
                    + " cannot merge into one of " + baseline.name + " versus " + reform.name);
        }
        claims += other.claims;
        members += other.members;
        add(claimOutcomes, other.claimOutcomes);
        add(memberOutcomes, other.memberOutcomes);
        baseline.merge(other.baseline);
        reform.merge(other.reform);
        other.bands.forEach((band, t) -> bands.computeIfAbsent(band, b -> new BandTally()).merge(t));
    }

    private static void add(long[] into, long[] counts) {
        for (int i = 0; i < into.length; i++) {
            into[i] += counts[i];
        }
    }

    /** Entries added so far. */
    public long claims() {
        return claims;
    }

    long decided(boolean ofBaseline) {
        return (ofBaseline ? baseline : reform).decided;
    }

    /** @param kinds the kinds to list, in order, with their names (every kind either version declares) */
    SimulationSummary summary(Collection<BenefitKind> kinds) {
        ScenarioFigures b = baseline.figures();
        ScenarioFigures r = reform.figures();
        BigDecimal delta = r.cost().subtract(b.cost());
        BigDecimal percent = b.cost().signum() == 0 ? null
                : delta.multiply(BigDecimal.valueOf(100)).divide(b.cost(), 2, RoundingMode.HALF_EVEN);
        List<KindFigures> byKind = new ArrayList<>();
        for (BenefitKind k : kinds) {
            byKind.add(new KindFigures(k.kind(), k.zh(), k.en(), baseline.kind(k.kind()), reform.kind(k.kind())));
        }
        List<BandFigures> byBand = new ArrayList<>();
        bands.forEach((band, t) -> byBand.add(new BandFigures(band, t.baseline.side(), t.reform.side(),
                outcomes(t.claims), outcomes(t.members))));
        return new SimulationSummary(claims, members, b, r, delta, percent, bins(), byKind, byBand,
                outcomes(claimOutcomes), outcomes(memberOutcomes));
    }

    private static Outcomes outcomes(long[] counts) {
        return new Outcomes(counts[0], counts[1], counts[2]);
    }

    /**
     * Claims by payout bin: exactly 0; then (0, 100) and [100, 200), [200, 500), [500, 1000), ... in yuan, the edges
     * running 1, 2, 5 × 10^k from 100, up to the bin that holds the largest payout under either scenario.
     */
    private List<PayoutBin> bins() {
        long[] base = baseline.histogram.sorted();
        long[] ref = reform.histogram.sorted();
        long max = Math.max(base.length == 0 ? 0 : base[base.length - 2], ref.length == 0 ? 0 : ref[ref.length - 2]);
        List<long[]> edges = new ArrayList<>();        // {from, to} in fen; {0, 0} is the zero bin
        edges.add(new long[] {0, 0});
        if (max > 0) {
            long from = 0;
            long to = 100_00;
            int step = 0;                              // to: 100, 200, 500, 1000, 2000, 5000, ...
            while (true) {
                edges.add(new long[] {from, to});
                if (max < to) {
                    break;
                }
                from = to;
                to = step % 3 == 1 ? to / 2 * 5 : to * 2;
                step++;
            }
        }
        List<PayoutBin> bins = new ArrayList<>();
        for (long[] e : edges) {
            bins.add(new PayoutBin(yuan(e[0]), yuan(e[1]), inBin(base, e), inBin(ref, e)));
        }
        return bins;
    }

    private static long inBin(long[] pairs, long[] bin) {
        long n = 0;
        for (int i = 0; i < pairs.length; i += 2) {
            long fen = pairs[i];
            boolean in = bin[1] == 0 ? fen == 0 : fen > 0 && fen >= bin[0] && fen < bin[1];
            if (in) {
                n += pairs[i + 1];
            }
        }
        return n;
    }

    static BigDecimal yuan(long fen) {
        return BigDecimal.valueOf(fen, 2);
    }

    /** One scenario's running totals. */
    private static final class Side implements Serializable {
        private static final long serialVersionUID = 1L;

        final String name;
        final String ruleset;
        final TreeSet<String> hashes = new TreeSet<>();
        final EnumMap<EvaluationError.Code, Long> errorsByCode = new EnumMap<>(EvaluationError.Code.class);
        final PayoutHistogram histogram = new PayoutHistogram();
        final Map<String, KindTally> byKind = new LinkedHashMap<>();
        long entries;
        long decided;
        BigDecimal cost = BigDecimal.ZERO;
        long pendingClaims;
        BigDecimal pendingMin = BigDecimal.ZERO;
        BigDecimal pendingMax = BigDecimal.ZERO;

        Side(Scenario scenario) {
            this.name = scenario.name();
            this.ruleset = scenario.ruleset();
        }

        boolean sameScenario(Side other) {
            return name.equals(other.name) && ruleset.equals(other.ruleset);
        }

        void merge(Side other) {
            entries += other.entries;
            decided += other.decided;
            cost = cost.add(other.cost);
            pendingClaims += other.pendingClaims;
            pendingMin = pendingMin.add(other.pendingMin);
            pendingMax = pendingMax.add(other.pendingMax);
            hashes.addAll(other.hashes);
            other.errorsByCode.forEach((code, n) -> errorsByCode.merge(code, n, Long::sum));
            histogram.addAll(other.histogram);
            other.byKind.forEach((kind, k) -> byKind.computeIfAbsent(kind, x -> new KindTally()).merge(k));
        }

        void add(ClaimOutcome.Side s) {
            entries++;
            if (!s.decided()) {
                errorsByCode.merge(s.error().code(), 1L, Long::sum);
                return;
            }
            decided++;
            hashes.add(s.rulesetHash());
            cost = cost.add(s.payout());
            histogram.add(PayoutHistogram.fen(s.payout()));
            if (s.pending() != null) {
                pendingClaims++;
                pendingMin = pendingMin.add(s.pending().min());
                pendingMax = pendingMax.add(s.pending().max());
            }
            s.kinds().forEach((kind, amount) -> {
                KindTally k = byKind.computeIfAbsent(kind, x -> new KindTally());
                k.claims++;
                k.cost = k.cost.add(amount);
            });
            for (String kind : s.ranges().keySet()) {
                byKind.computeIfAbsent(kind, x -> new KindTally()).pendingClaims++;
            }
        }

        KindSide kind(String kind) {
            KindTally k = byKind.get(kind);
            return k == null ? new KindSide(0, money(BigDecimal.ZERO), 0)
                    : new KindSide(k.claims, money(k.cost), k.pendingClaims);
        }

        ScenarioFigures figures() {
            Payouts payouts = null;
            if (decided > 0) {
                payouts = new Payouts(cost.divide(BigDecimal.valueOf(decided), 2, RoundingMode.HALF_EVEN),
                        yuan(histogram.percentile(50)), yuan(histogram.percentile(90)),
                        yuan(histogram.percentile(99)), yuan(histogram.percentile(100)));
            }
            return new ScenarioFigures(name, ruleset, new ArrayList<>(hashes), entries, decided,
                    entries - decided, errorsByCode, money(cost),
                    new Pending(pendingClaims, money(pendingMin), money(pendingMax)), payouts);
        }
    }

    /** Amounts in yuan as the outputs write them: at least 2 decimals (more only if a ruleset rounds finer). */
    static BigDecimal money(BigDecimal amount) {
        return amount.scale() < 2 ? amount.setScale(2) : amount;
    }

    private static final class KindTally implements Serializable {
        private static final long serialVersionUID = 1L;

        long claims;
        BigDecimal cost = BigDecimal.ZERO;
        long pendingClaims;

        void merge(KindTally other) {
            claims += other.claims;
            cost = cost.add(other.cost);
            pendingClaims += other.pendingClaims;
        }
    }

    /** One band's claims and members. */
    private static final class BandTally implements Serializable {
        private static final long serialVersionUID = 1L;

        final SideTally baseline = new SideTally();
        final SideTally reform = new SideTally();
        final long[] claims = new long[3];
        final long[] members = new long[3];

        void merge(BandTally other) {
            baseline.merge(other.baseline);
            reform.merge(other.reform);
            add(claims, other.claims);
            add(members, other.members);
        }
    }

    private static final class SideTally implements Serializable {
        private static final long serialVersionUID = 1L;

        long claims;
        BigDecimal cost = BigDecimal.ZERO;

        void merge(SideTally other) {
            claims += other.claims;
            cost = cost.add(other.cost);
        }

        void add(ClaimOutcome.Side s) {
            if (s.decided()) {
                claims++;
                cost = cost.add(s.payout());
            }
        }

        BandSide side() {
            return new BandSide(claims, money(cost));
        }
    }
}
