package org.huzhu.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.huzhu.api.BenefitHistory;
import org.huzhu.api.Claim;
import org.huzhu.api.Decision;
import org.huzhu.api.Enrolment;
import org.huzhu.api.EvaluationException;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.EvaluationResult;
import org.huzhu.api.HospitalStay;
import org.huzhu.api.Member;
import org.huzhu.api.NoVersionInForceException;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.api.UnknownRulesetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTest {
    static final SubsidyEngine WUJIN = SubsidyEngine.builder().classpathRulesets(false)
            .addRulesetFolder(TestRulesets.WUJIN).batchSize(16).build();
    static final Member ENROLLED = new Member("M1", LocalDate.of(1980, 1, 1), true, false, null, null,
            List.of(new Enrolment("wujin", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31))));

    static EvaluationRequest stay(String id, String selfPay) {
        LocalDate d = LocalDate.of(2024, 3, 1);
        HospitalStay s = new HospitalStay(null, null, d, d.plusDays(5), null, null, new BigDecimal(selfPay), null,
                null, null, null, null, null, null);
        return new EvaluationRequest("wujin", Claim.ofStays(id, ENROLLED, d, List.of(s)), BenefitHistory.EMPTY);
    }

    @Test
    void decisionRecordsVersionHashAndExplanation() {
        Decision d = WUJIN.evaluate(stay("C1", "4999.99"));
        assertThat(d.rulesetId()).isEqualTo("wujin@2024");
        assertThat(d.rulesetHash()).hasSize(64).isEqualTo(WUJIN.rulesets().get(0).contentHash());
        assertThat(d.amountOf("INPATIENT_SUBSIDY")).isEqualByComparingTo("500");
        assertThat(d.benefits().get(0).explanation())
                .contains("4,999.99 is in band [1,000.00, 5,000.00) of inpatientBands → 500.00");
        assertThat(d.benefits().get(0).clause()).startsWith("五.1");
        assertThat(d.benefits().get(0).parameters()).containsKey("inpatientBands");
    }

    @Test
    void versionComesFromTheClaimDate() {
        assertThat(WUJIN.resolve("wujin", LocalDate.of(2024, 12, 31)).version()).isEqualTo("2024");
        assertThatThrownBy(() -> WUJIN.resolve("wujin", LocalDate.of(2025, 1, 1)))
                .isInstanceOf(NoVersionInForceException.class).hasMessageContaining("2025-01-01");
        assertThatThrownBy(() -> WUJIN.resolve("nosuch", LocalDate.of(2024, 1, 1)))
                .isInstanceOf(UnknownRulesetException.class).hasMessageContaining("unknown scheme 'nosuch'");
    }

    @Test
    void batchGivesEveryRowAResultInOrderAndMatchesSingleEvaluation() {
        List<EvaluationRequest> batch = new ArrayList<>();
        String[] bases = {"999.99", "1000", "5000", "100000"};
        String[] expected = {"0", "500", "1000", "50000"};
        for (int i = 0; i < 40; i++) {
            batch.add(stay("C" + i, bases[i % 4]));
        }
        batch.add(new EvaluationRequest("nosuch", batch.get(0).claim(), null));
        List<EvaluationResult> results = WUJIN.evaluateAll(batch);
        assertThat(results).hasSize(41);
        for (int i = 0; i < 40; i++) {
            assertThat(results.get(i).index()).isEqualTo(i);
            assertThat(results.get(i).decision().claimId()).isEqualTo("C" + i);
            assertThat(results.get(i).decision().amountOf("INPATIENT_SUBSIDY")).isEqualByComparingTo(expected[i % 4]);
        }
        assertThat(results.get(40).error()).contains("unknown scheme 'nosuch'");
    }

    @Test
    void evaluatesConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Decision>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(pool.submit(() -> WUJIN.evaluate(stay("C", "30000"))));
            }
            for (Future<Decision> f : futures) {
                assertThat(f.get().amountOf("INPATIENT_SUBSIDY")).isEqualByComparingTo("5000");
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aRulesetThatKeepsFiringFailsTheClaimNotTheCaller(@TempDir Path dir) throws IOException {
        TestRulesets.write(dir, """
                package t;
                import org.huzhu.api.ruleset.ClaimContext;
                import org.huzhu.api.ruleset.Stay;
                rule "loops"
                when
                    $c : ClaimContext( $k : key )
                    $s : Stay( key == $k )
                then
                    insert(new Stay($k, "again", $s.getStay(), true, true));
                end
                """);
        // The sandbox refuses insert; the firing cap is the line behind it, so it is tested with both layers off.
        SubsidyEngine looping = ((DroolsSubsidyEngine.Builder) SubsidyEngine.builder()).classpathRulesets(false)
                .addRulesetFolder(dir).maxFiringsPerClaim(500).sandboxLayers(new SandboxLayers(false, false)).build();
        EvaluationRequest r = new EvaluationRequest("test", stay("LOOP", "100").claim(), null);
        assertThatThrownBy(() -> looping.evaluate(r))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("kept firing on claim LOOP")
                .hasMessageContaining("500 rule firings");
        List<EvaluationResult> results = looping.evaluateAll(List.of(r, r));
        assertThat(results).allSatisfy(x -> assertThat(x.error()).contains("kept firing"));
    }
}
