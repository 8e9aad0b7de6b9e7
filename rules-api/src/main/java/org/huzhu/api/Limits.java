package org.huzhu.api;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The bounds every claim and history must keep, in one place. They are checked when the model's records are
 * built, so no rule ever sees a value outside them; a value outside is an {@link InvalidInputException} naming the
 * field.
 *
 * <p>The checks look at a number's digits and exponent before doing any arithmetic on it: an input such as
 * {@code 1e100000000} is eleven characters long but its plain form has a hundred million digits, and adding it to
 * anything takes minutes.
 */
public final class Limits {
    /**
     * The ceiling for every money amount in a claim or its history (a stay's costs, a prior payment, a certified
     * fire loss): 100,000,000.00 yuan (一亿元), inclusive. No union mutual-aid scheme pays anywhere near it, and it
     * keeps the sum of every allowed amount (at most {@link #MAX_STAYS} stays) far from any precision limit.
     */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("100000000.00");

    /** Money has at most 2 decimal places (whole fen, 分). Trailing zeros beyond them ({@code 12.500}) are fine. */
    public static final int AMOUNT_SCALE = 2;

    /** A rate or share (such as {@link HospitalStay#liabilityShare()}) has at most 6 decimal places. */
    public static final int RATE_SCALE = 6;

    /**
     * The most stays one evaluation may carry: the claim's stays and the history's earlier stays together. Some
     * rules compare stays with each other, so their work grows with the square of this number. It is set at
     * 10,000 because a claim with 10,000 special-outpatient bills is legitimate (issue 7, §4).
     */
    public static final int MAX_STAYS = 10_000;

    /** The most prior payments a history may carry. */
    public static final int MAX_PAYMENTS = 10_000;

    /**
     * Beyond this many bits in the unscaled value (about 38 digits) a number is refused before its precision is
     * even computed: no allowed amount or rate has that many digits.
     */
    private static final int MAX_UNSCALED_BITS = 128;

    /** Decimal places beyond which no trailing-zero test is tried (with ≤ 38 digits it cannot be a whole fen). */
    private static final int MAX_SCALE_TESTED = 40;

    private Limits() {
    }

    /**
     * Checks a money amount that may be absent: not negative, at most {@link #AMOUNT_SCALE} decimal places, at
     * most {@link #MAX_AMOUNT}.
     *
     * @return the value, unchanged
     */
    public static BigDecimal amount(BigDecimal value, String field) {
        if (value == null) {
            return null;
        }
        digits(value, field);
        if (value.signum() < 0) {
            throw new InvalidInputException(field, "must not be negative, was " + display(value));
        }
        if (value.compareTo(MAX_AMOUNT) > 0) {
            throw new InvalidInputException(field,
                    "must not exceed " + MAX_AMOUNT.toPlainString() + " yuan, was " + display(value));
        }
        decimals(value, AMOUNT_SCALE, field, "whole fen");
        return value;
    }

    /**
     * Checks a share that may be absent: between 0 and 1, at most {@link #RATE_SCALE} decimal places.
     *
     * @return the value, unchanged
     */
    public static BigDecimal share(BigDecimal value, String field) {
        if (value == null) {
            return null;
        }
        digits(value, field);
        if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
            throw new InvalidInputException(field, "must be a share between 0 and 1, was " + display(value));
        }
        decimals(value, RATE_SCALE, field, "a rate");
        return value;
    }

    /**
     * Checks a list's size against a limit. The message counts the items so the caller sees how far over it is.
     */
    public static void count(int size, int max, String field, String what) {
        if (size > max) {
            throw new InvalidInputException(field, "has " + size + " " + what + "; at most " + max
                    + " are allowed");
        }
    }

    /**
     * A number for an error message without expanding it: {@code toPlainString()} of {@code 1e100000000} would
     * build a hundred-million-character string, so large exponents keep the scientific form.
     */
    public static String display(BigDecimal value) {
        if (value.unscaledValue().bitLength() > MAX_UNSCALED_BITS) {
            return "a number of about " + (long) (value.unscaledValue().bitLength() * 0.30103) + " digits";
        }
        int scale = value.scale();
        return scale >= -20 && scale <= MAX_SCALE_TESTED ? value.toPlainString() : value.toString();
    }

    /**
     * Refuses a number with more digits than any figure needs (over 128 bits unscaled), before any arithmetic on
     * it: {@code stripTrailingZeros}, {@code precision} or a comparison of a 200,000-digit number take seconds.
     */
    public static void digits(BigDecimal value, String field) {
        // bitLength() is cheap; precision() of a huge unscaled value is not.
        if (value.unscaledValue().bitLength() > MAX_UNSCALED_BITS) {
            throw new InvalidInputException(field, "has too many digits, was " + display(value));
        }
    }

    private static void decimals(BigDecimal value, int maxScale, String field, String what) {
        if (value.scale() <= maxScale || value.signum() == 0) {
            return;
        }
        boolean fits = false;
        if (value.scale() <= MAX_SCALE_TESTED) {
            try {
                // Only trailing zeros may go: 12.500 is 12.50, 12.345 is refused.
                value.setScale(maxScale, RoundingMode.UNNECESSARY);
                fits = true;
            } catch (ArithmeticException e) {
                fits = false;
            }
        }
        if (!fits) {
            throw new InvalidInputException(field, "must have at most " + maxScale + " decimal places (" + what
                    + "), was " + display(value));
        }
    }
}
