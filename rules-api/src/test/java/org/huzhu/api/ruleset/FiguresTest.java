package org.huzhu.api.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Figures formats money by hand; every explanation ever written with DecimalFormat must read the same. */
class FiguresTest {

    @Test
    void moneyAsAClerkReadsIt() {
        assertThat(Figures.money(new BigDecimal("2287.99"))).isEqualTo("2,287.99");
        assertThat(Figures.money(new BigDecimal("1830.39"), 0)).isEqualTo("1,830");
        assertThat(Figures.money(new BigDecimal("1830.5"), 0)).isEqualTo("1,831");
        assertThat(Figures.money(new BigDecimal("0.005"))).isEqualTo("0.01");
        assertThat(Figures.money(new BigDecimal("999.995"))).isEqualTo("1,000.00");
        assertThat(Figures.money(new BigDecimal("100000"))).isEqualTo("100,000.00");
        assertThat(Figures.money(new BigDecimal("1E+3"), 3)).isEqualTo("1,000.000");
        assertThat(Figures.money(new BigDecimal("0.0004"), 3)).isEqualTo("0.000");
        assertThat(Figures.money(new BigDecimal("-1234.5"))).isEqualTo("-1,234.50");
        // As DecimalFormat writes it: a negative amount that rounds to 0 keeps its sign.
        assertThat(Figures.money(new BigDecimal("-0.001"))).isEqualTo("-0.00");
        assertThat(Figures.rate(new BigDecimal("0.545"))).isEqualTo("54.5%");
    }

    /** Hand-written against DecimalFormat: both computed, on amounts of every size, sign and scale. */
    @Test
    void moneyMatchesDecimalFormat() {
        Random random = new Random(20240101L);
        for (int i = 0; i < 200_000; i++) {
            int digits = 1 + random.nextInt(i % 10 == 0 ? 60 : 14);
            BigInteger unscaled = new BigInteger(digits * 4, random).mod(BigInteger.TEN.pow(digits));
            BigDecimal amount = new BigDecimal(unscaled, random.nextInt(12) - 3);
            if (random.nextInt(4) == 0) {
                amount = amount.negate();
            }
            int scale = i % 7 == 0 ? random.nextInt(9) : 2;
            assertThat(Figures.money(amount, scale)).as("%s at scale %d", amount.toPlainString(), scale)
                    .isEqualTo(decimalFormat(amount, scale));
        }
    }

    private static String decimalFormat(BigDecimal amount, int scale) {
        DecimalFormat f = new DecimalFormat(scale == 0 ? "#,##0" : "#,##0." + "0".repeat(scale),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f.format(amount);
    }
}
