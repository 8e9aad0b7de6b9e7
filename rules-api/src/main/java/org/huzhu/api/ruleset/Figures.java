package org.huzhu.api.ruleset;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Formats amounts and rates for explanations: {@code 2,287.99}, {@code 80%}, {@code 54.5%}. */
public final class Figures {
    private Figures() {
    }

    /** Money with thousands separators and two decimals (shown rounded half-up; the value is not changed). */
    public static String money(BigDecimal amount) {
        DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f.format(amount);
    }

    /** Money at exactly the given scale, e.g. {@code 1,830} for a whole-yuan ruleset. */
    public static String money(BigDecimal amount, int scale) {
        DecimalFormat f = new DecimalFormat(scale == 0 ? "#,##0" : "#,##0." + "0".repeat(scale),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f.format(amount);
    }

    /** A rate as a percentage: 0.8 → 80%, 0.545 → 54.5%. */
    public static String rate(BigDecimal rate) {
        return rate.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
