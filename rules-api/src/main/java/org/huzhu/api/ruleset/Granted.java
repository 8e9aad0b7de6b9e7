package org.huzhu.api.ruleset;

import java.math.BigDecimal;

/**
 * A benefit granted to one claim in the {@code grant} stage: the engine inserts one per benefit granted (zero
 * amounts too) before the {@code adjust} stage, whose rules match it, joined to their claim:
 * {@code Granted( key == $k, kind == "CRITICAL_ILLNESS_LUMP_SUM" )}. The facts do not change while the
 * {@code adjust} stage runs, so what an adjusting rule sees does not depend on the order adjusting rules fire in.
 */
public final class Granted {
    private final int key;
    private final String kind;
    private final BigDecimal amount;
    private final BigDecimal minimum;
    private final BigDecimal maximum;

    /** A fixed amount ({@code amount} non-null, both bounds equal to it) or a range ({@code amount} null). */
    public Granted(int key, String kind, BigDecimal amount, BigDecimal minimum, BigDecimal maximum) {
        this.key = key;
        this.kind = kind;
        this.amount = amount;
        this.minimum = amount != null ? amount : minimum;
        this.maximum = amount != null ? amount : maximum;
    }

    /** The claim's key: patterns join it, {@code key == $k}. */
    public int getKey() {
        return key;
    }

    /** The benefit kind, e.g. {@code LIVING_ALLOWANCE}. */
    public String getKind() {
        return kind;
    }

    /** Whether a range was granted for a person to decide within, rather than an amount. */
    public boolean isRange() {
        return amount == null;
    }

    /** The amount granted (rounded as the ruleset declares), or null for a range. */
    public BigDecimal getAmount() {
        return amount;
    }

    /** The least amount: the amount itself, or the range's minimum. */
    public BigDecimal getMinimum() {
        return minimum;
    }

    /** The greatest amount: the amount itself, or the range's maximum. */
    public BigDecimal getMaximum() {
        return maximum;
    }

    @Override
    public String toString() {
        return kind + " " + (amount != null ? Figures.money(amount)
                : Figures.money(minimum) + ".." + Figures.money(maximum));
    }
}
