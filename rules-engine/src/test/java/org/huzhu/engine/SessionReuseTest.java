package org.huzhu.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.huzhu.api.BenefitHistory;
import org.huzhu.api.CareSetting;
import org.huzhu.api.Cause;
import org.huzhu.api.Claim;
import org.huzhu.api.Decision;
import org.huzhu.api.Diagnosis;
import org.huzhu.api.Enrolment;
import org.huzhu.api.EvaluationException;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.EvaluationResult;
import org.huzhu.api.HospitalStay;
import org.huzhu.api.Member;
import org.huzhu.api.PriorPayment;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.api.WorkInjury;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule sessions are reused from claim to claim; a reused session must carry nothing of the claims before it. Every
 * claim here is evaluated alone on a fresh engine (a new engine has no session yet, so it decides on a new one), and
 * the shared engine's decisions, claim after claim on one reused session, in batches, and interleaved on threads,
 * must equal those. In one session every claim of {@code evaluate} has the key 0, so a stay, a base or a granted
 * benefit left over from the claim before would join the next claim's rules and change its amounts and explanation.
 */
class SessionReuseTest {
    static final Path SHAOXING = Path.of("..", "rulesets", "shaoxing");
    static final LocalDate YEAR = LocalDate.of(2024, 1, 1);

    private static SubsidyEngine engine() {
        return SubsidyEngine.builder().classpathRulesets(false).addRulesetFolder(TestRulesets.WUJIN)
                .addRulesetFolder(SHAOXING).batchSize(3).build();
    }

    private static Member member(String id, String scheme, int year) {
        return new Member(id, LocalDate.of(1975, 6, 1), true, false, null, null,
                List.of(new Enrolment(scheme, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31))));
    }

    private static HospitalStay stay(String id, LocalDate admitted, String coPay, String outOfPolicy,
                                     boolean settled, Cause cause) {
        return new HospitalStay(id, CareSetting.INPATIENT, admitted, admitted.plusDays(6), null, null,
                new BigDecimal(coPay), outOfPolicy == null ? null : new BigDecimal(outOfPolicy), null, null, settled,
                cause, null, Set.of());
    }

    private static EvaluationRequest wujin(String id, List<HospitalStay> stays, Diagnosis diagnosis, WorkInjury injury,
                                           BenefitHistory history) {
        LocalDate date = LocalDate.of(2024, 5, 10);
        Claim claim = new Claim(id, member("M-" + id, "wujin", 2024), date, null, stays, diagnosis, injury, null,
                null, null);
        return new EvaluationRequest("wujin", claim, history);
    }

    /** Wujin and Shaoxing claims that differ in every way a leftover fact would show. */
    static List<EvaluationRequest> claims() {
        LocalDate may = LocalDate.of(2024, 5, 1);
        List<EvaluationRequest> claims = new ArrayList<>();
        // 3,000 → band [1,000, 5,000) → 500.
        claims.add(wujin("ONE-STAY", List.of(stay("A1", may, "3000", null, true, Cause.ILLNESS)), null, null,
                BenefitHistory.EMPTY));
        // 4,000 + 2,500 + 500 = 7,000 → 1,000.
        claims.add(wujin("TWO-STAYS", List.of(stay("B1", may, "4000", null, true, Cause.ILLNESS),
                stay("B2", may.plusDays(9), "2500", "500", true, Cause.ILLNESS)), null, null, BenefitHistory.EMPTY));
        // Not settled through MI: 10,000 × 34% = 3,400 → 500.
        claims.add(wujin("NOT-SETTLED", List.of(stay("C1", may, "10000", null, false, Cause.ILLNESS)), null, null,
                BenefitHistory.EMPTY));
        // A listed critical illness pays 5,000 besides the stay's 12,000 → 1,500.
        claims.add(wujin("CRITICAL", List.of(stay("D1", may, "12000", null, true, Cause.ILLNESS)),
                new Diagnosis("MALIGNANT_TUMOUR", may, false, false, true, Set.of()), null, BenefitHistory.EMPTY));
        // A work-injury stay counts 0 (→ 0); grade 5 pays 2,000.
        claims.add(wujin("WORK-INJURY", List.of(stay("E1", may, "8000", null, true, Cause.WORK_INJURY)), null,
                new WorkInjury(may, 5, false, Set.of()), BenefitHistory.EMPTY));
        // 800 already paid this year: 12,000 → 1,500 − 800 = 700.
        claims.add(wujin("PAID-BEFORE", List.of(stay("F1", may, "12000", null, true, Cause.ILLNESS)), null, null,
                new BenefitHistory(List.of(new PriorPayment("INPATIENT_SUBSIDY", LocalDate.of(2024, 2, 1),
                        new BigDecimal("800"), null)), List.of())));
        // An earlier stay of 20,000 and this one of 15,000: 35,000 → 5,000.
        claims.add(wujin("EARLIER-STAY", List.of(stay("G1", may, "15000", null, true, Cause.ILLNESS)), null, null,
                new BenefitHistory(List.of(), List.of(stay("G0", LocalDate.of(2024, 2, 1), "20000", null, true,
                        Cause.ILLNESS)))));
        // Admitted before the coverage period: counts 0, with a warning.
        claims.add(wujin("OUTSIDE", List.of(stay("H1", LocalDate.of(2023, 12, 20), "9000", null, true,
                Cause.ILLNESS)), null, null, BenefitHistory.EMPTY));
        // Not enrolled: refused by the engine before any rule.
        claims.add(new EvaluationRequest("wujin", Claim.ofStays("NOT-ENROLLED", member("M-X", "wujin", 2023),
                LocalDate.of(2024, 5, 10), List.of(stay("I1", may, "5000", null, true, Cause.ILLNESS))),
                BenefitHistory.EMPTY));
        // Shaoxing 2015: 80% of the self-pay and 25 a day.
        LocalDate june = LocalDate.of(2015, 6, 1);
        claims.add(new EvaluationRequest("shaoxing", Claim.ofStays("SX-ONE", member("M-SX1", "shaoxing", 2015),
                june, List.of(stay("J1", june, "1887.99", "400", true, Cause.ILLNESS))), BenefitHistory.EMPTY));
        claims.add(new EvaluationRequest("shaoxing", Claim.ofStays("SX-TWO", member("M-SX2", "shaoxing", 2015),
                june, List.of(stay("K1", june, "300", null, true, Cause.ILLNESS),
                        stay("K2", june.plusDays(10), "700", "50", true, Cause.ILLNESS))), BenefitHistory.EMPTY));
        return claims;
    }

    /** Each claim decided on its own fresh engine. */
    static List<Decision> fresh(List<EvaluationRequest> claims) {
        List<Decision> out = new ArrayList<>();
        for (EvaluationRequest r : claims) {
            out.add(engine().evaluate(r));
        }
        return out;
    }

    @Test
    void theClaimsDifferSoALeftoverFactWouldShow() {
        List<Decision> reference = fresh(claims());
        // Totals worked by hand in claims(); Shaoxing: (1,887.99 + 400) × 80% = 1,830.39 → 1,830, and 6 days × 25;
        // (300 + 700 + 50) × 80% = 840, and 12 days × 25 = 300.
        assertThat(reference.stream().map(d -> d.total().stripTrailingZeros().toPlainString()).toList())
                .containsExactly("500", "1000", "500", "6500", "2000", "700", "5000", "0", "0", "1980", "1140");
        assertThat(reference.get(3).amountOf("CRITICAL_ILLNESS")).isEqualByComparingTo("5000");
        assertThat(reference.get(4).amountOf("WORK_INJURY")).isEqualByComparingTo("2000");
        assertThat(reference.get(7).warnings()).isNotEmpty();
        assertThat(reference.get(8).rejections()).hasSize(1);
        assertThat(reference.get(9).amountOf("INPATIENT_ALLOWANCE")).isEqualByComparingTo("150");
    }

    @Test
    void claimAfterClaimOnOneReusedSessionDecidesAsOnAFreshEngine() {
        List<EvaluationRequest> claims = claims();
        List<Decision> reference = fresh(claims);
        DroolsSubsidyEngine shared = (DroolsSubsidyEngine) engine();
        for (int round = 0; round < 3; round++) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < claims.size(); i++) {
                order.add(round == 1 ? claims.size() - 1 - i : i);
            }
            if (round == 2) {
                Collections.shuffle(order, new Random(7));
            }
            for (int i : order) {
                assertThat(shared.evaluate(claims.get(i))).as("claim %s, round %d", claims.get(i).claim().id(),
                        round).isEqualTo(reference.get(i));
            }
        }
        // One thread: one session per ruleset served all 30 claims (the not-enrolled ones need none).
        assertThat(shared.sessionsCreated("wujin@2024")).isEqualTo(1);
        assertThat(shared.sessionsCreated("shaoxing@2015")).isEqualTo(1);
    }

    @Test
    void batchesAndSingleClaimsShareSessionsAndStillDecideAsOnAFreshEngine() {
        List<EvaluationRequest> claims = claims();
        List<Decision> reference = fresh(claims);
        // One thread, so one session serves every batch and every single claim in turn.
        DroolsSubsidyEngine shared = (DroolsSubsidyEngine) SubsidyEngine.builder().classpathRulesets(false)
                .addRulesetFolder(TestRulesets.WUJIN).addRulesetFolder(SHAOXING).batchSize(3).parallelism(1).build();
        for (int round = 0; round < 2; round++) {
            List<EvaluationResult> batch = shared.evaluateAll(claims);
            for (int i = 0; i < claims.size(); i++) {
                assertThat(batch.get(i).decision()).as("batched %s", claims.get(i).claim().id())
                        .isEqualTo(reference.get(i));
                assertThat(shared.evaluate(claims.get(i))).as("alone %s", claims.get(i).claim().id())
                        .isEqualTo(reference.get(i));
            }
        }
        assertThat(shared.sessionsCreated("wujin@2024")).isEqualTo(1);
    }

    /**
     * Knowledge bases are shared by every engine that loads the same ruleset; the sessions an engine keeps for
     * reuse must not be held by its knowledge base too, or the idle sessions of engines no longer used would never
     * be collected.
     */
    @Test
    void theSharedKnowledgeBaseHoldsNoneOfAnEnginesSessions() {
        EvaluationRequest claim = claims().get(1);
        for (int i = 0; i < 3; i++) {
            DroolsSubsidyEngine engine = (DroolsSubsidyEngine) engine();
            engine.evaluate(claim);
            engine.evaluateAll(List.of(claim, claim));
            assertThat(engine.sessionsCreated("wujin@2024")).isEqualTo(1);
        }
        CompiledRuleset wujin = CompiledRuleset.load(org.huzhu.engine.internal.RulesetSource.fromFolder(
                TestRulesets.WUJIN).get(0));
        // Three engines evaluated on the one cached knowledge base, each keeping its session.
        assertThat(wujin.rules().knowledgeBase().getKieSessions()).isEmpty();
    }

    @Test
    void claimsInterleavedOnThreadsDecideAsOnAFreshEngine() throws Exception {
        List<EvaluationRequest> claims = claims();
        List<Decision> reference = fresh(claims);
        SubsidyEngine shared = engine();
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Random random = new Random(100 + t);   // each thread its own order and its own batches
                done.add(pool.submit(() -> {
                    int checked = 0;
                    for (int n = 0; n < 300; n++) {
                        if (random.nextInt(4) == 0) {
                            List<Integer> picked = new ArrayList<>();
                            for (int k = 1 + random.nextInt(5); k > 0; k--) {
                                picked.add(random.nextInt(claims.size()));
                            }
                            List<EvaluationResult> results = shared.evaluateAll(picked.stream().map(claims::get)
                                    .toList());
                            for (int k = 0; k < picked.size(); k++) {
                                assertThat(results.get(k).decision()).isEqualTo(reference.get(picked.get(k)));
                                checked++;
                            }
                        } else {
                            int i = random.nextInt(claims.size());
                            assertThat(shared.evaluate(claims.get(i))).isEqualTo(reference.get(i));
                            checked++;
                        }
                    }
                    return checked;
                }));
            }
            int checked = 0;
            for (Future<Integer> f : done) {
                checked += f.get();
            }
            assertThat(checked).isGreaterThanOrEqualTo(threads * 300);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A claim whose rules fail (over its firing cap; a helper throwing) leaves its session half-run: it is thrown
     * away, and the claims after it decide as on a fresh engine.
     */
    @Test
    void aSessionWhoseClaimFailedIsNotReused(@TempDir Path dir) throws IOException {
        TestRulesets.write(dir, """
                package t;
                import org.huzhu.api.ruleset.ClaimContext;
                import org.huzhu.api.ruleset.Base;
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
                rule "counts"
                when
                    $c : ClaimContext( $k : key )
                    $s : Stay( key == $k )
                then
                    $c.count("days", $s, BigDecimal.ONE, $c.msg("text").with($s.getLabel()));
                    if ($c.getClaim().id().equals("THROWS")) {
                        $c.deduct("days", BigDecimal.ONE.negate(), $c.msg("text").with("a negative deduction"));
                    }
                end
                rule "pays"
                when
                    $c : ClaimContext( $k : key )
                    $b : Base( key == $k, name == "days" )
                then
                    $c.grant("TEST_BENEFIT", $c.total($b));
                end
                """);
        java.util.function.Supplier<DroolsSubsidyEngine> build = () -> (DroolsSubsidyEngine) new DroolsSubsidyEngine
                .Builder().classpathRulesets(false).addRulesetFolder(dir).maxFiringsPerFact(10).build();
        LocalDate d = LocalDate.of(2024, 3, 1);
        java.util.function.BiFunction<String, Integer, EvaluationRequest> claim = (id, n) -> {
            List<HospitalStay> stays = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                stays.add(new HospitalStay(id + i, null, d, d.plusDays(3), null, null, new BigDecimal("10.00"), null,
                        null, null, null, null, null, null));
            }
            return new EvaluationRequest("test", Claim.ofStays(id, member("M", "test", 2024), d, stays),
                    BenefitHistory.EMPTY);
        };
        EvaluationRequest quiet = claim.apply("QUIET", 3);
        EvaluationRequest other = claim.apply("OTHER", 2);
        Decision quietAlone = build.get().evaluate(quiet);
        Decision otherAlone = build.get().evaluate(other);
        assertThat(quietAlone.amountOf("TEST_BENEFIT")).isEqualByComparingTo("3");
        assertThat(otherAlone.amountOf("TEST_BENEFIT")).isEqualByComparingTo("2");

        DroolsSubsidyEngine shared = build.get();
        assertThat(shared.evaluate(quiet)).isEqualTo(quietAlone);
        // 4 stays: "cubic" fires 64 times, over the cap of 10 × (1 + 4) = 50; the engine halts the session.
        assertThatThrownBy(() -> shared.evaluate(claim.apply("NOISY", 4))).isInstanceOf(EvaluationException.class)
                .hasMessageContaining("kept firing");
        assertThat(shared.evaluate(other)).isEqualTo(otherAlone);
        assertThatThrownBy(() -> shared.evaluate(claim.apply("THROWS", 2))).isInstanceOf(EvaluationException.class)
                .hasMessageContaining("a deduction cannot be negative");
        assertThat(shared.evaluate(quiet)).isEqualTo(quietAlone);
        assertThat(shared.evaluate(other)).isEqualTo(otherAlone);
        // The first session served QUIET and died with NOISY, the second served OTHER and died with THROWS; the
        // third serves the rest.
        assertThat(shared.sessionsCreated("test@1")).isEqualTo(3);
    }
}
