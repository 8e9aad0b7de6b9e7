package org.huzhu.actuary.simulate;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import org.huzhu.api.Benefit;
import org.huzhu.api.Decision;
import org.huzhu.api.Message;
import org.huzhu.api.Value;

/**
 * The band or tier of a scheme's bands or tiers parameter that a claim's base reached, read from its decision: the
 * highest {@link Value.Band} among its benefits' explanation steps (README, "Simulation": the band rule). Summaries
 * count winners and losers by the baseline's band. {@link #NONE} when the decision shows no band.
 *
 * @param from           the band's lower bound, yuan; null only for {@link #NONE}
 * @param to             its upper bound, or null when it has none
 * @param lowerInclusive whether {@code from} is in the band ({@code [from, to)}) or not ({@code (from, to]})
 */
public record BaseBand(BigDecimal from, BigDecimal to, boolean lowerInclusive)
        implements Comparable<BaseBand>, Serializable {
    /** No band: the scheme has none (Shaoxing, Huai'an, Huzhou), or the claim reached none, or it was not decided. */
    public static final BaseBand NONE = new BaseBand(null, null, true);

    /** NONE first, then by lower bound, a band that includes it before one that does not, then by upper bound. */
    private static final Comparator<BaseBand> ORDER = Comparator
            .comparing(BaseBand::from, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(b -> !b.lowerInclusive())
            .thenComparing(BaseBand::to, Comparator.nullsLast(Comparator.naturalOrder()));

    public BaseBand {
        // Equal bounds written 15000 and 15000.00 are the same band (one row of the summary).
        from = from == null ? null : from.stripTrailingZeros();
        to = to == null ? null : to.stripTrailingZeros();
    }

    /** The highest band a decision's benefits show, or {@link #NONE}; a null decision (an error) has none. */
    public static BaseBand of(Decision decision) {
        BaseBand highest = NONE;
        if (decision == null) {
            return highest;
        }
        for (Benefit b : decision.benefits()) {
            for (Message step : b.explanation()) {
                highest = highest(step.values(), highest);
            }
        }
        return highest;
    }

    private static BaseBand highest(List<Value> values, BaseBand highest) {
        for (Value v : values) {
            if (v instanceof Value.Band b) {
                BaseBand band = new BaseBand(b.from(), b.to(), b.lowerInclusive());
                if (band.compareTo(highest) > 0) {
                    highest = band;
                }
            } else if (v instanceof Value.Nested n) {
                highest = highest(n.message().values(), highest);
            } else if (v instanceof Value.Steps s) {
                for (Message m : s.steps()) {
                    highest = highest(m.values(), highest);
                }
            }
        }
        return highest;
    }

    /**
     * The band as the outputs write it: {@code [15000, 20000)}, {@code (10000, 20000]}, {@code [100000, ∞)}, bounds in
     * yuan without trailing zeros; {@code none} for {@link #NONE}.
     */
    public String label() {
        if (from == null) {
            return "none";
        }
        String upper = to == null ? "∞" : to.toPlainString();
        return (lowerInclusive ? "[" : "(") + from.toPlainString() + ", " + upper
                + (lowerInclusive || to == null ? ")" : "]");
    }

    @Override
    public int compareTo(BaseBand other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return label();
    }
}
