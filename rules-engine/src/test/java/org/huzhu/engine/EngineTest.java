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
        assertThat(TestRulesets.englishSteps(WUJIN, d, d.benefits().get(0).explanation()))
                .contains("4,999.99 is in band [1,000.00, 5,000.00) of inpatient subsidy bands → 500.00");
        assertThat(d.benefits().get(0).clause()).startsWith("五.1");
        assertThat(d.benefits().get(0).parameters()).containsKey("inpatientBands");
        assertThat(d.benefits().get(0).parameters().get("inpatientBands").provenance().source())
                .isEqualTo("seeds/004 五.1");
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
        assertThat(results.get(40).error().code()).isEqualTo(org.huzhu.api.EvaluationError.Code.UNKNOWN_RULESET);
        assertThat(results.get(40).error().message()).contains("unknown scheme 'nosuch'");
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

    /**
     * The firing cap scales with the claim's facts: 10,000 stays of 10.00 each (the most a claim may hold) are a
     * cumulative 个人自理 of 100,000, which Wujin's band "100000元（含）以上的，补助50000元" pays 50,000.
     */
    @Test
    void aClaimWithTenThousandStaysIsDecidedNotStopped() {
        LocalDate d = LocalDate.of(2024, 3, 1);
        List<HospitalStay> stays = new java.util.ArrayList<>();
        for (int i = 0; i < org.huzhu.api.Limits.MAX_STAYS; i++) {
            stays.add(new HospitalStay("S" + i, null, d, d.plusDays(3), null, null, new BigDecimal("10.00"), null,
                    null, null, null, null, null, null));
        }
        Decision decision = WUJIN.evaluate(new EvaluationRequest("wujin", Claim.ofStays("BIG", ENROLLED, d, stays),
                BenefitHistory.EMPTY));
        assertThat(decision.amountOf("INPATIENT_SUBSIDY")).isEqualByComparingTo("50000");
    }

    /**
     * Within the grammar, a rule firing once per stay can copy every stay's counting steps into its explanation:
     * stays² steps in all. The explanation budget stops it as the claim's failure, before memory runs out.
     */
    @Test
    void anExplanationThatGrowsWithoutBoundIsStopped(@TempDir Path dir) throws IOException {
        TestRulesets.write(dir, """
                package huzhu.test;
                import org.huzhu.api.ruleset.ClaimContext;
                import org.huzhu.api.ruleset.Stay;
                import java.math.BigDecimal;
                rule "count"
                    salience 1
                when
                    $c : ClaimContext( $k : key )
                    $s : Stay( key == $k )
                then
                    $c.count("base", $s, $s.getCoPay(), $c.msg("text").with("its co-pay"));
                end
                rule "copy"
                when
                    $c : ClaimContext( $k : key )
                    $s : Stay( key == $k )
                then
                    $c.grant("TEST_BENEFIT", $c.total("base").add($c.total("base")).add($c.total("base")));
                end
                """);
        SubsidyEngine engine = SubsidyEngine.builder().classpathRulesets(false).addRulesetFolder(dir).build();
        LocalDate d = LocalDate.of(2024, 3, 1);
        List<HospitalStay> stays = new java.util.ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            stays.add(new HospitalStay("S" + i, null, d, d.plusDays(1), null, null, BigDecimal.ONE, null, null,
                    null, null, null, null, null));
        }
        EvaluationRequest r = new EvaluationRequest("test", Claim.ofStays("WORDY", ENROLLED, d, stays), null);
        // 1,000 firings of "copy", each copying 3 × 1,000 counting steps: 3,000,000 > 250,000.
        assertThatThrownBy(() -> engine.evaluate(r))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("in rule \"copy\"")
                .hasMessageContaining("the explanation of claim WORDY passed 250000 steps");
    }

    /** The grammar cannot express a rule that re-fires; with layer 1 off, the firing cap still stops it. */
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
        SubsidyEngine looping = unguarded(dir).maxFiringsPerFact(500).build();
        EvaluationRequest r = new EvaluationRequest("test", stay("LOOP", "100").claim(), null);
        // One claim with one stay: 2 facts × 500.
        assertThatThrownBy(() -> looping.evaluate(r))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("kept firing: stopped after 1000 rule firings")
                .hasMessageContaining("on claim LOOP")
                .hasMessageContaining("in rule \"loops\"");
        List<EvaluationResult> results = looping.evaluateAll(List.of(r,
                new EvaluationRequest("test", stay("OTHER", "200").claim(), null)));
        assertThat(results).allSatisfy(x -> assertThat(x.error().message()).contains("kept firing"));
    }

    /**
     * The firing cap is each claim's own. A rule over three stays fires stays³ times: 4 stays make 64 firings, over
     * the cap of 10 × (1 + 4) = 50. With the cap summed over a batch, a quiet claim of 10 stays (another 110) let the
     * noisy one be decided in the batch while it failed alone.
     */
    @Test
    void theFiringCapIsPerClaimSoABatchDecidesAsEachClaimAlone(@TempDir Path dir) throws IOException {
        TestRulesets.write(dir, """
                package t;
                import org.huzhu.api.ruleset.ClaimContext;
                import org.huzhu.api.ruleset.Stay;
                import java.math.BigDecimal;
                rule "cubic"
                when
                    $c : ClaimContext( $k : key, claim.id == "NOISY" )
                    $a : Stay( key == $k )
                    $b : Stay( key == $k )
                    $d : Stay( key == $k )
                then
                    $c.note($c.msg("text").with($a.getLabel()));
                end
                rule "pays"
                    salience -1
                when
                    $c : ClaimContext( $k : key )
                then
                    $c.grant("TEST_BENEFIT", $c.money("amount"));
                end
                """);
        SubsidyEngine engine = new DroolsSubsidyEngine.Builder().classpathRulesets(false).addRulesetFolder(dir)
                .maxFiringsPerFact(10).build();
        LocalDate d = LocalDate.of(2024, 3, 1);
        java.util.function.BiFunction<String, Integer, EvaluationRequest> claim = (id, n) -> {
            List<HospitalStay> stays = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                stays.add(new HospitalStay(id + i, null, d, d.plusDays(3), null, null, new BigDecimal("10.00"), null,
                        null, null, null, null, null, null));
            }
            return new EvaluationRequest("test", Claim.ofStays(id, ENROLLED, d, stays), BenefitHistory.EMPTY);
        };
        EvaluationRequest noisy = claim.apply("NOISY", 4);
        EvaluationRequest quiet = claim.apply("QUIET", 10);
        assertThatThrownBy(() -> engine.evaluate(noisy)).isInstanceOf(EvaluationException.class)
                .hasMessageContaining("kept firing: stopped after 50 rule firings for claim NOISY");
        List<EvaluationResult> batch = engine.evaluateAll(List.of(noisy, quiet));
        assertThat(batch.get(0).error().code())
                .isEqualTo(org.huzhu.api.EvaluationError.Code.EVALUATION_ERROR);
        assertThat(batch.get(0).error().message()).contains("kept firing");
        assertThat(batch.get(1).decision().amountOf("TEST_BENEFIT")).isEqualByComparingTo("100");
    }

    /** A ruleset whose firings are slow is stopped at the time limit, between firings, naming the rule. */
    @Test
    void aSlowRulesetIsStoppedAtTheTimeLimit(@TempDir Path dir) throws IOException {
        TestRulesets.write(dir, """
                package t;
                import org.huzhu.api.ruleset.ClaimContext;
                import org.huzhu.api.ruleset.Stay;
                rule "slow"
                when
                    $c : ClaimContext( $k : key )
                    $s : Stay( key == $k )
                then
                    Thread.sleep(30);
                    insert(new Stay($k, "again", $s.getStay(), true, true));
                end
                """);
        SubsidyEngine slow = unguarded(dir).timeLimitPerClaim(java.time.Duration.ofMillis(200)).build();
        assertThatThrownBy(() -> slow.evaluate(new EvaluationRequest("test", stay("SLOW", "100").claim(), null)))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("ran past its time limit of 200 ms per claim on claim SLOW")
                .hasMessageContaining("(in rule \"slow\")");
    }

    /** An Error thrown by rule code (here an impossible array) becomes the claim's EvaluationException. */
    @Test
    void anErrorInRuleCodeIsTheClaimsFailure(@TempDir Path dir) throws IOException {
        TestRulesets.write(dir, """
                package t;
                import org.huzhu.api.ruleset.ClaimContext;
                rule "huge"
                when
                    $c : ClaimContext()
                then
                    long[] a = new long[Integer.MAX_VALUE - 8];
                end
                """);
        SubsidyEngine huge = unguarded(dir).build();
        EvaluationRequest r = new EvaluationRequest("test", stay("OOM", "100").claim(), null);
        assertThatThrownBy(() -> huge.evaluate(r))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("failed on claim OOM in rule \"huge\"")
                .hasMessageContaining("OutOfMemoryError");
        assertThat(huge.evaluateAll(List.of(r))).singleElement()
                .satisfies(x -> assertThat(x.error().message()).contains("OutOfMemoryError"));
    }

    /** Both sandbox layers off: only for showing what the engine's run-time limits stop on their own. */
    private static DroolsSubsidyEngine.Builder unguarded(Path dir) {
        DroolsSubsidyEngine.Builder b = new DroolsSubsidyEngine.Builder();
        b.classpathRulesets(false).addRulesetFolder(dir);
        return b.sandboxLayers(new SandboxLayers(false, false));
    }
}
