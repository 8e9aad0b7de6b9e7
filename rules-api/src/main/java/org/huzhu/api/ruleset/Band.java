package org.huzhu.api.ruleset;

import java.math.BigDecimal;

/**
 * One row of a band or tier table: from {@code from} upward, {@code value} applies (an amount for a band table,
 * a rate for a tier table).
 */
public record Band(BigDecimal from, BigDecimal value) {
}
