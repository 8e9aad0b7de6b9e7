package org.huzhu.actuary.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.huzhu.actuary.population.Population;
import org.huzhu.actuary.simulate.SimulationSummary.BandFigures;
import org.huzhu.actuary.simulate.SimulationSummary.PayoutBin;
import org.huzhu.api.EvaluationError;
import org.huzhu.api.SubsidyEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Simulations of small populations whose every figure was worked out by hand from ../shared/schemes.md (§1 Wujin's
 * bands, §2 Shaoxing's 80% and 50,000 cap) and the two test fixtures under src/test/resources/simulate/rulesets
 * (wujin@2025: 1,000–5,000 pays 800, 50,000–100,000 pays 15,000; shaoxing@2014: 70% up to 40,000).
 */
class SimulationHandWorkedTest {
    static final Path FIXTURES = FixtureEngine.FIXTURES;
    static SubsidyEngine engine;

    @BeforeAll
    static void engine() {
        engine = FixtureEngine.engine();
    }

    static SimulationSummary run(String population, String baseline, String reform, List<ClaimOutcome> rows,
            int threads, int chunk) {
        Simulation simulation = new Simulation(Scenario.of(engine, baseline), Scenario.of(engine, reform), threads,
                chunk);
        try (Population p = Population.open(FIXTURES.resolve(population))) {
            return simulation.run(p, rows::add, done -> { });
        }
    }

    private static BigDecimal yuan(String amount) {
        return new BigDecimal(amount);
    }

    /*
     * wujin-hand-worked.jsonl, every stay settled through MI, so its co-pay counts in full toward the year's base:
     *   A1 3,000            base  3,000 [1000, 5000)   2024:   500            2025:   800
     *   A2 3,000            base  6,000 [5000, 10000)  2024: 1,000 − 500 = 500  2025: 1,000 − 800 = 200
     *   B1 60,000           base 60,000 [50000, 100000) 2024: 20,000          2025: 15,000
     *   C1 500              base    500 [0, 1000)       0                     0
     *   C2 20,000           base 20,500 [20000, 30000)  3,000                 3,000
     *   D1 critical illness (malignant tumour), no stay: 5,000 under both, no band
     *   X1 a line that is not JSON: an error under both
     *   E1 1,000            base  1,000 [1000, 5000)    500                   800
     *   E2 dated before E1: an error under both (claim.claimDate)
     *   AA1 member AA after member E: an error under both (claim.member.id)
     */
    @Test
    void wujinFiguresAsWorkedByHand() {
        List<ClaimOutcome> rows = new ArrayList<>();
        SimulationSummary s = run("wujin-hand-worked.jsonl", "wujin@2024", "wujin@2025", rows, 2, 2);

        assertThat(s.claims()).isEqualTo(10);
        assertThat(s.members()).isEqualTo(5);                  // A, B, C, D, E
        assertThat(s.baseline().cost()).isEqualByComparingTo("29500");
        assertThat(s.reform().cost()).isEqualByComparingTo("24800");
        assertThat(s.delta()).isEqualByComparingTo("-4700");
        assertThat(s.deltaPercent()).isEqualTo(yuan("-15.93"));   // −4,700 / 29,500 = −15.932…%

        // Baseline payouts sorted: 0, 500, 500, 500, 3000, 5000, 20000 (n = 7): p50 is the 4th, p90 and p99 the 7th.
        assertThat(s.baseline().payouts()).isEqualTo(new SimulationSummary.Payouts(yuan("4214.29"), yuan("500.00"),
                yuan("20000.00"), yuan("20000.00"), yuan("20000.00")));   // mean 29,500 / 7 = 4,214.2857…
        // Reform: 0, 200, 800, 800, 3000, 5000, 15000.
        assertThat(s.reform().payouts()).isEqualTo(new SimulationSummary.Payouts(yuan("3542.86"), yuan("800.00"),
                yuan("15000.00"), yuan("15000.00"), yuan("15000.00")));   // 24,800 / 7 = 3,542.857…

        // Per claim: A1, E1 win; A2, B1 lose; C1, C2, D1 unchanged. Per member: A 1,000 = 500 + 500 = 800 + 200.
        assertThat(s.claimOutcomes()).isEqualTo(new SimulationSummary.Outcomes(2, 2, 3));
        assertThat(s.memberOutcomes()).isEqualTo(new SimulationSummary.Outcomes(1, 1, 3));

        assertThat(s.byBand()).extracting(b -> b.band().label(), b -> b.baseline().claims(),
                        b -> b.baseline().cost().toPlainString(), b -> b.reform().cost().toPlainString(),
                        BandFigures::claims, BandFigures::members)
                .containsExactly(
                        tuple("none", 1L, "5000.00", "5000.00", outcomes(0, 0, 1), outcomes(0, 0, 1)),      // D
                        tuple("[0, 1000)", 1L, "0.00", "0.00", outcomes(0, 0, 1), outcomes(0, 0, 0)),       // C1
                        tuple("[1000, 5000)", 2L, "1000.00", "1600.00", outcomes(2, 0, 0), outcomes(1, 0, 0)), // A1, E1; E
                        tuple("[5000, 10000)", 1L, "500.00", "200.00", outcomes(0, 1, 0), outcomes(0, 0, 1)), // A2; A
                        tuple("[20000, 30000)", 1L, "3000.00", "3000.00", outcomes(0, 0, 1), outcomes(0, 0, 1)), // C2; C
                        tuple("[50000, 100000)", 1L, "20000.00", "15000.00", outcomes(0, 1, 0), outcomes(0, 1, 0))); // B

        SimulationSummary.KindFigures inpatient = s.byKind().stream()
                .filter(k -> k.kind().equals("INPATIENT_SUBSIDY")).findFirst().orElseThrow();
        assertThat(inpatient.baseline()).isEqualTo(new SimulationSummary.KindSide(5, yuan("24500.00"), 0));
        assertThat(inpatient.reform()).isEqualTo(new SimulationSummary.KindSide(5, yuan("19800.00"), 0));
        SimulationSummary.KindFigures critical = s.byKind().stream()
                .filter(k -> k.kind().equals("CRITICAL_ILLNESS")).findFirst().orElseThrow();
        assertThat(critical.baseline()).isEqualTo(new SimulationSummary.KindSide(1, yuan("5000.00"), 0));
        assertThat(critical.reform()).isEqualTo(critical.baseline());

        // Bins: 0; (0, 100), [100, 200), [200, 500), [500, 1000), [1000, 2000), [2000, 5000), [5000, 10000),
        // [10000, 20000), [20000, 50000): the last holds the largest payout, 20,000.
        assertThat(s.distribution()).extracting(b -> b.from().toPlainString() + ".." + b.to().toPlainString(),
                        PayoutBin::baseline, PayoutBin::reform)
                .containsExactly(tuple("0.00..0.00", 1L, 1L), tuple("0.00..100.00", 0L, 0L),
                        tuple("100.00..200.00", 0L, 0L), tuple("200.00..500.00", 0L, 1L),
                        tuple("500.00..1000.00", 3L, 2L), tuple("1000.00..2000.00", 0L, 0L),
                        tuple("2000.00..5000.00", 1L, 1L), tuple("5000.00..10000.00", 1L, 1L),
                        tuple("10000.00..20000.00", 0L, 1L), tuple("20000.00..50000.00", 1L, 0L));
    }

    private static SimulationSummary.Outcomes outcomes(long winners, long losers, long unchanged) {
        return new SimulationSummary.Outcomes(winners, losers, unchanged);
    }

    /**
     * A2's 2025 payout is 1,000 − 800 = 200 because A1 was paid 800 under 2025; with A1's 2024 payment (500)
     * carried instead it would be 500, and with nothing carried 1,000.
     */
    @Test
    void eachScenarioCarriesItsOwnPaymentsToTheMembersLaterClaims() {
        List<ClaimOutcome> rows = new ArrayList<>();
        run("wujin-hand-worked.jsonl", "wujin@2024", "wujin@2025", rows, 1, 1024);
        ClaimOutcome a2 = rows.get(1);
        assertThat(a2.claimId()).isEqualTo("A2");
        assertThat(a2.baseline().payout()).isEqualByComparingTo("500");
        assertThat(a2.reform().payout()).isEqualByComparingTo("200");
        assertThat(a2.delta()).isEqualByComparingTo("-300");
        assertThat(a2.band().label()).isEqualTo("[5000, 10000)");
    }

    /**
     * Shaoxing: S-1 has 60,000 self-pay and 10 days in hospital, S-2 5,000 and 4 days. Under 2015 (80%, 50,000):
     * S-1 48,000 + 250 allowance; S-2 80% × 5,000 = 4,000 but only 50,000 − 48,000 = 2,000 of the cap is left, + 100.
     * Under the 70% / 40,000 fixture: S-1 42,000 capped at 40,000 + 250; S-2 the cap is spent: 0 + 100. Were the
     * payments not carried, S-2 would be 4,100 and 3,600; were the reform's 40,000 carried into the baseline, 4,100.
     */
    @Test
    void theYearlyCapIsReachedUnderTheReformOnly() {
        List<ClaimOutcome> rows = new ArrayList<>();
        SimulationSummary s = run("shaoxing-cap.jsonl", "shaoxing@2015", "shaoxing@2014", rows, 1, 1024);
        assertThat(rows).extracting(ClaimOutcome::claimId, o -> o.baseline().payout().toPlainString(),
                        o -> o.reform().payout().toPlainString())
                .containsExactly(tuple("S-1", "48250", "40250"), tuple("S-2", "2100", "100"));
        assertThat(rows.get(1).baseline().kinds()).containsExactlyInAnyOrderEntriesOf(
                Map.of("SECOND_REIMBURSEMENT", yuan("2000"), "INPATIENT_ALLOWANCE", yuan("100")));
        assertThat(rows.get(1).reform().kinds()).containsExactly(Map.entry("INPATIENT_ALLOWANCE", yuan("100")));
        assertThat(s.baseline().cost()).isEqualByComparingTo("50350");
        assertThat(s.reform().cost()).isEqualByComparingTo("40350");
        assertThat(s.byBand()).extracting(b -> b.band().label()).containsExactly("none");
        assertThat(s.memberOutcomes()).isEqualTo(new SimulationSummary.Outcomes(0, 1, 0));
    }

    /** Every entry is one row, in input order; each scenario's entries are its decided claims and its errors. */
    @Test
    void everyEntryIsARowAndTheCountsReconcileWithTheInput() {
        List<ClaimOutcome> rows = new ArrayList<>();
        SimulationSummary s = run("wujin-hand-worked.jsonl", "wujin@2024", "wujin@2025", rows, 3, 1);
        assertThat(rows).extracting(ClaimOutcome::index).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(rows).extracting(ClaimOutcome::claimId)
                .containsExactly("A1", "A2", "B1", "C1", "C2", "D1", null, "E1", "E2", "AA1");
        for (SimulationSummary.ScenarioFigures f : List.of(s.baseline(), s.reform())) {
            assertThat(f.entries()).isEqualTo(s.claims()).isEqualTo(10);
            assertThat(f.decided()).isEqualTo(7);
            assertThat(f.errors()).isEqualTo(3);
            assertThat(f.errorsByCode()).containsExactly(Map.entry(EvaluationError.Code.INVALID_INPUT, 3L));
        }
        assertThat(rows.get(6).baseline().error().message()).contains("wujin-hand-worked.jsonl:7");
        assertThat(rows.get(8).baseline().error().field()).isEqualTo("claim.claimDate");
        assertThat(rows.get(8).reform().error().message()).contains("2024-08-01 is before 2024-09-01");
        assertThat(rows.get(9).baseline().error().field()).isEqualTo("claim.member.id");
        assertThat(rows.get(9).reform().error().message()).contains("member AA comes after member E");
    }
}
