package org.huzhu.actuary.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.huzhu.api.SubsidyEngine;
import org.junit.jupiter.api.Test;

/** Percentiles by nearest rank and means rounded half-even, worked by hand. */
class PayoutHistogramTest {
    @Test
    void percentilesAreNearestRank() {
        PayoutHistogram h = new PayoutHistogram();
        // Ten claims, in fen, out of order: sorted 0, 0, 100, 250, 250, 250, 1000, 5000, 5000, 99999.
        for (long fen : new long[] {5000, 250, 0, 99999, 250, 100, 1000, 0, 5000, 250}) {
            h.add(fen);
        }
        assertThat(h.count()).isEqualTo(10);
        assertThat(h.percentile(50)).isEqualTo(250);     // rank ⌈5⌉ = 5
        assertThat(h.percentile(90)).isEqualTo(5000);    // rank 9
        assertThat(h.percentile(99)).isEqualTo(99999);   // rank ⌈9.9⌉ = 10
        assertThat(h.percentile(100)).isEqualTo(99999);
        assertThat(h.percentile(10)).isEqualTo(0);       // rank 1
        assertThat(h.percentile(21)).isEqualTo(100);     // rank ⌈2.1⌉ = 3
        assertThat(h.sorted()).containsExactly(0, 2, 100, 1, 250, 3, 1000, 1, 5000, 2, 99999, 1);
        assertThat(new PayoutHistogram().percentile(50)).isEqualTo(-1);
    }

    @Test
    void manyDistinctAmountsGrowTheTableAndKeepEveryCount() {
        PayoutHistogram h = new PayoutHistogram();
        for (long fen = 999; fen >= 0; fen--) {            // 1,000 amounts, each once, largest first
            h.add(fen * 100);                              // whole yuan: multiples of 100 fen
        }
        h.add(500 * 100);
        assertThat(h.count()).isEqualTo(1001);
        assertThat(h.percentile(50)).isEqualTo(500 * 100);  // rank 501: 0..499 are 500 claims, then 500 twice
        // Rank ⌈900.9⌉ = 901: the claims paid 0..899 yuan are 900 amounts with 500 twice, 901 claims.
        assertThat(h.percentile(90)).isEqualTo(899 * 100);
        assertThat(h.percentile(100)).isEqualTo(999 * 100);
    }

    @Test
    void fenAreExactOrHalfEven() {
        assertThat(PayoutHistogram.fen(new BigDecimal("1830"))).isEqualTo(183_000);
        assertThat(PayoutHistogram.fen(new BigDecimal("1500.33"))).isEqualTo(150_033);
        assertThat(PayoutHistogram.fen(new BigDecimal("12.345"))).isEqualTo(1234);
        assertThat(PayoutHistogram.fen(new BigDecimal("12.355"))).isEqualTo(1236);
    }

    /** 0.01 and 0 average 0.005: half-even gives 0.00; 0.03 and 0 average 0.015: 0.02. */
    @Test
    void theMeanIsRoundedHalfEvenToTheFen() {
        assertThat(mean("0.01", "0").payouts().mean()).isEqualTo(new BigDecimal("0.00"));
        assertThat(mean("0.03", "0").payouts().mean()).isEqualTo(new BigDecimal("0.02"));
        assertThat(mean("0.01", "0.01", "0").payouts().mean()).isEqualTo(new BigDecimal("0.01"));  // 0.00666…
    }

    private static SimulationSummary.ScenarioFigures mean(String... payouts) {
        SubsidyEngine engine = FixtureEngine.engine();
        SummaryTally tally = new SummaryTally(Scenario.of(engine, "wujin@2024"), Scenario.of(engine, "wujin@2025"));
        long i = 0;
        for (String p : payouts) {
            ClaimOutcome.Side side = new ClaimOutcome.Side(new BigDecimal(p), Map.of(), null, Map.of(), "h", null);
            tally.add(new ClaimOutcome(i++, "test:" + i, "C" + i, "M" + i, BaseBand.NONE, side, side));
        }
        SimulationSummary.ScenarioFigures f = tally.summary(List.of()).baseline();
        assertThat(f.decided()).isEqualTo(List.of(payouts).size());
        return f;
    }
}
