package org.huzhu.api;

import java.math.BigDecimal;

/** A range of amounts that a committee decides within (Hunan above 300,000: 30,000–50,000). */
public record AmountRange(BigDecimal min, BigDecimal max) {
    public AmountRange {
        Checks.requiredNonNegative(min, "min");
        Checks.requiredNonNegative(max, "max");
        if (max.compareTo(min) < 0) {
            throw new InvalidInputException("max", "is below min");
        }
    }
}
