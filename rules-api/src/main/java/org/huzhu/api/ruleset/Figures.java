package org.huzhu.api.ruleset;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Formats amounts and rates for explanations: {@code 2,287.99}, {@code 80%}, {@code 54.5%}. Written out by hand
 * rather than with {@code java.text.DecimalFormat}, which would have to be built on every call (it is not
 * thread-safe) and cost more than the claim's arithmetic; the output is the same as {@code DecimalFormat}'s
 * {@code #,##0.00} under {@code Locale.ROOT} and {@code HALF_UP}, a negative amount that rounds to 0 included
 * ({@code -0.00}).
 */
public final class Figures {
    private Figures() {
    }

    /** Money with thousands separators and two decimals (shown rounded half-up; the value is not changed). */
    public static String money(BigDecimal amount) {
        return money(amount, 2);
    }

    /** Money at exactly the given scale, e.g. {@code 1,830} for a whole-yuan ruleset. */
    public static String money(BigDecimal amount, int scale) {
        if (scale < 0) {
            throw new IllegalArgumentException("scale is negative: " + scale);
        }
        // Rounded only where it has more decimals than shown; the zeros it lacks are written, not multiplied in.
        BigDecimal shown = amount.scale() > scale ? amount.setScale(scale, RoundingMode.HALF_UP)
                : amount.scale() < 0 ? amount.setScale(0) : amount;
        String digits = shown.unscaledValue().abs().toString();
        int decimals = shown.scale();
        int integerDigits = digits.length() - decimals;
        StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3 + scale + 3);
        if (amount.signum() < 0) {
            out.append('-');
        }
        if (integerDigits <= 0) {
            out.append('0');
        } else {
            for (int i = 0; i < integerDigits; i++) {
                if (i > 0 && (integerDigits - i) % 3 == 0) {
                    out.append(',');
                }
                out.append(digits.charAt(i));
            }
        }
        if (scale > 0) {
            out.append('.');
            for (int i = integerDigits; i < 0; i++) {
                out.append('0');
            }
            out.append(digits, Math.max(0, integerDigits), digits.length());
            for (int i = decimals; i < scale; i++) {
                out.append('0');
            }
        }
        return out.toString();
    }

    /** A rate as a percentage: 0.8 → 80%, 0.545 → 54.5%. */
    public static String rate(BigDecimal rate) {
        return rate.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
