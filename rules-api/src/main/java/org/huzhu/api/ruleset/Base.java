package org.huzhu.api.ruleset;

import java.math.BigDecimal;

/**
 * A counted base of one claim, e.g. the year's cumulative 个人自理: the engine inserts one per base its rules
 * counted toward in the {@code count} stage ({@link ClaimContext#count}, {@link ClaimContext#deduct}), before the
 * {@code grant} stage. Rules in the {@code grant} and {@code adjust} stages match it and join it to their claim:
 * {@code $b : Base( key == $k, name == "selfPay12Months", amount >= $c.money("minimumBase") )}.
 *
 * <p>{@link ClaimContext#total(Base)} gives the amount and adds the base's counting steps (which stay counted how
 * much) to the explanation of the rule that fires.
 */
public final class Base {
    private final int key;
    private final String name;
    private final BigDecimal amount;

    public Base(int key, String name, BigDecimal amount) {
        this.key = key;
        this.name = name;
        this.amount = amount;
    }

    /** The claim's key: patterns join it, {@code key == $k}. */
    public int getKey() {
        return key;
    }

    /** The base's name, as the counting rules gave it. */
    public String getName() {
        return name;
    }

    /** What was counted toward the base, less what was deducted from it (never below 0 by a deduction). */
    public BigDecimal getAmount() {
        return amount;
    }

    @Override
    public String toString() {
        return name + " = " + Figures.money(amount);
    }
}
