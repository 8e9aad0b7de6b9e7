package org.huzhu.api.ruleset;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How a ruleset rounds the amounts it grants: Shaoxing pays whole yuan with fractions dropped
 * ({@code scale 0, DOWN}); Quzhou pays to the fen, half-up ({@code scale 2, HALF_UP}).
 *
 * @param scale       decimal places kept
 * @param mode        Java rounding mode
 * @param description the rule in words, shown in explanations
 */
public record Rounding(int scale, RoundingMode mode, String description) {
    public static final Rounding FEN_HALF_UP = new Rounding(2, RoundingMode.HALF_UP, "to the fen, half-up");

    public BigDecimal apply(BigDecimal amount) {
        return amount.setScale(scale, mode);
    }
}
