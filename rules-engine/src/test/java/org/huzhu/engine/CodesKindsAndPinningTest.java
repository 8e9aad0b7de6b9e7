package org.huzhu.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.huzhu.api.BenefitHistory;
import org.huzhu.api.BenefitKind;
import org.huzhu.api.Claim;
import org.huzhu.api.Decision;
import org.huzhu.api.Enrolment;
import org.huzhu.api.EvaluationException;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.EvaluationResult;
import org.huzhu.api.Exclusion;
import org.huzhu.api.HospitalStay;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.Member;
import org.huzhu.api.PinnedVersionNotInForceException;
import org.huzhu.api.PriorPayment;
import org.huzhu.api.ReasonCode;
import org.huzhu.api.Rejection;
import org.huzhu.api.RulesetException;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.RulesetRefusedException;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.api.Warning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 7 §5–§7: reasons carry codes, benefit kinds are declared and checked, pinned versions mean one thing. */
class CodesKindsAndPinningTest {
    static final SubsidyEngine WUJIN = EngineTest.WUJIN;
    /** Enrolled in Wujin for 2023 and 2024, though only a 2024 version exists. */
    static final Member TWO_YEARS = new Member("M2", LocalDate.of(1980, 1, 1), true, false, null, null,
            List.of(new Enrolment("wujin", LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31)),
                    new Enrolment("wujin", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31))));

    static HospitalStay stay(String id, LocalDate admitted, String coPay, Exclusion... exclusions) {
        return new HospitalStay(id, null, admitted, admitted.plusDays(7), null, null, new BigDecimal(coPay), null,
                null, null, null, null, null, Set.of(exclusions));
    }

    static EvaluationRequest decemberClaim(String ruleset, boolean whatIf) {
        LocalDate d = LocalDate.of(2023, 12, 20);
        return new EvaluationRequest(ruleset, Claim.ofStays("DEC", TWO_YEARS, d, List.of(stay("S1", d, "12000"))),
                null, whatIf);
    }

    // ---- §7 pinned versions -------------------------------------------------------------------------

    @Test
    void aPinnedVersionNotInForceOnTheClaimDateIsRefusedNamingBoth() {
        assertThatThrownBy(() -> WUJIN.evaluate(decemberClaim("wujin@2024", false)))
                .isInstanceOf(PinnedVersionNotInForceException.class)
                .hasMessageContaining("pinned version wujin@2024 (2024-01-01..2024-12-31) is not in force on the "
                        + "claim date 2023-12-20")
                .hasMessageContaining("no version of 'wujin' is in force then")
                .hasMessageContaining("what-if");
        // resolve answers as evaluate would
        assertThatThrownBy(() -> WUJIN.resolve("wujin@2024", LocalDate.of(2023, 12, 20)))
                .isInstanceOf(PinnedVersionNotInForceException.class);
    }

    @Test
    void aWhatIfComputesUnderThePinnedTermsAndSaysSo() {
        Decision d = WUJIN.evaluate(decemberClaim("wujin@2024", true));
        assertThat(d.whatIf()).isTrue();
        assertThat(d.rulesetId()).isEqualTo("wujin@2024");
        // The 2023 enrolment gives the coverage period; 12,000 of 个人自理 is in the 2024 band [10,000, 15,000): 1,500.
        assertThat(d.coveragePeriod().from()).isEqualTo(LocalDate.of(2023, 1, 1));
        assertThat(d.amountOf("INPATIENT_SUBSIDY")).isEqualByComparingTo("1500");
        assertThat(d.warnings()).extracting(Warning::code).containsExactly(ReasonCode.PINNED_VERSION_NOT_IN_FORCE);
        assertThat(TestRulesets.english(WUJIN, d, d.warnings().get(0).message()))
                .contains("wujin@2024 (2024-01-01..2024-12-31) is not in force on the claim date 2023-12-20");
    }

    @Test
    void aWhatIfOnAVersionInForceIsStillMarkedButWarnsOfNothing() {
        EvaluationRequest r = EngineTest.stay("C1", "4999.99");
        Decision asked = WUJIN.evaluate(new EvaluationRequest("wujin@2024", r.claim(), null, true));
        assertThat(asked.whatIf()).isTrue();
        assertThat(asked.warnings()).isEmpty();
        assertThat(asked.amountOf("INPATIENT_SUBSIDY")).isEqualByComparingTo("500");
        Decision plain = WUJIN.evaluate(new EvaluationRequest("wujin@2024", r.claim(), null));
        assertThat(plain.whatIf()).isFalse();
    }

    @Test
    void inABatchARefusedPinIsThatRowsErrorOnly() {
        List<EvaluationResult> results = WUJIN.evaluateAll(List.of(decemberClaim("wujin@2024", false),
                EngineTest.stay("C1", "1000")));
        assertThat(results.get(0).error().code())
                .isEqualTo(org.huzhu.api.EvaluationError.Code.PINNED_VERSION_NOT_IN_FORCE);
        assertThat(results.get(0).error().message()).contains("is not in force on the claim date 2023-12-20");
        assertThat(results.get(1).decision().amountOf("INPATIENT_SUBSIDY")).isEqualByComparingTo("500");
    }

    // ---- §6 codes, kinds and stays ------------------------------------------------------------------

    @Test
    void rejectionsAndWarningsCarryCodeKindStayAndRule() {
        LocalDate march = LocalDate.of(2024, 3, 1);
        Claim claim = Claim.ofStays("C2", EngineTest.ENROLLED, march, List.of(
                stay("S-OLD", LocalDate.of(2023, 12, 28), "8000"),
                stay("S-DRUNK", march, "3000", Exclusion.DRUNKENNESS),
                stay("S-OK", march, "4000")));
        Decision d = WUJIN.evaluate(new EvaluationRequest("wujin", claim, null));
        // Only S-OK counts: 4,000 is in band [1,000, 5,000) → 500.
        assertThat(d.amountOf("INPATIENT_SUBSIDY")).isEqualByComparingTo("500");
        assertThat(d.warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo(ReasonCode.OUTSIDE_COVERAGE_PERIOD);
            assertThat(w.kind()).isEqualTo("INPATIENT_SUBSIDY");
            assertThat(w.stay()).isEqualTo("S-OLD");
            assertThat(w.rule()).isEqualTo("Stay outside the coverage period counts 0");
        });
        assertThat(d.rejections()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(ReasonCode.EXCLUSION_APPLIES);
            assertThat(r.kind()).isEqualTo("INPATIENT_SUBSIDY");
            assertThat(r.stay()).isEqualTo("S-DRUNK");
            assertThat(TestRulesets.english(WUJIN, d, r.message())).contains("DRUNKENNESS");
            assertThat(r.clause()).startsWith("六.1");
        });
    }

    @Test
    void theEnginesOwnRefusalHasACodeAndNoRule() {
        Member stranger = new Member("M9", null, true, false, null, null, List.of());
        LocalDate d = LocalDate.of(2024, 3, 1);
        Decision decision = WUJIN.evaluate(new EvaluationRequest("wujin",
                Claim.ofStays("C3", stranger, d, List.of(stay("S1", d, "8000"))), null));
        assertThat(decision.rejections()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(ReasonCode.NOT_ENROLLED);
            assertThat(r.kind()).isNull();
            assertThat(r.rule()).isNull();
        });
    }

    @Test
    void aRuleGivingAnUnknownCodeFailsTheClaimNamingRuleAndCode(@TempDir Path dir) throws IOException {
        TestRulesets.write(dir, """
                package t;
                import org.huzhu.api.ruleset.ClaimContext;
                rule "typo"
                when
                    $c : ClaimContext()
                then
                    $c.reject("TEST_BENEFIT", "EXCLUDED_CASUE", $c.msg("text").with("why"));
                end
                """);
        // Refused at load by the sandbox, with file and line; with the sandbox's first layer off, the run-time
        // check still fails the claim naming the rule.
        assertThatThrownBy(() -> testEngine(dir))
                .isInstanceOf(RulesetRefusedException.class)
                .hasMessageContaining("rules/main.drl:7")
                .hasMessageContaining("'EXCLUDED_CASUE' is not a reason code");
        assertThatThrownBy(() -> layerOneOff(dir).evaluate(testClaim()))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("rule 'typo'")
                .hasMessageContaining("unknown reason code 'EXCLUDED_CASUE'");
    }

    // ---- §5 declared benefit kinds ------------------------------------------------------------------

    @Test
    void rulesetInfoListsTheDeclaredKindsWithNames() {
        RulesetInfo info = WUJIN.rulesets().get(0);
        assertThat(info.benefits()).extracting(BenefitKind::kind)
                .containsExactly("INPATIENT_SUBSIDY", "CRITICAL_ILLNESS", "WORK_INJURY");
        assertThat(info.benefits().get(0)).isEqualTo(new BenefitKind("INPATIENT_SUBSIDY", "住院医疗费用补助金",
                "inpatient subsidy"));
        assertThat(info.historyKinds()).isEmpty();
        SubsidyEngine hunan = SubsidyEngine.builder().compileAtBuild(true).classpathRulesets(false)
                .addRulesetFolder(Path.of("..", "rulesets", "hunan")).build();
        assertThat(hunan.rulesets().get(0).historyKinds()).extracting(BenefitKind::kind)
                .containsExactly("MUTUAL_AID_SUBSIDY");
    }

    @Test
    void aHistoryPaymentOfAnUnknownKindIsAnInputErrorNamingItsIndex() {
        EvaluationRequest r = EngineTest.stay("C4", "8000");
        BenefitHistory typo = new BenefitHistory(List.of(
                new PriorPayment("INPATIENT_SUBSIDY", LocalDate.of(2024, 1, 10), new BigDecimal("500"), null),
                new PriorPayment("INPATIENT_SUBSIDDY", LocalDate.of(2024, 2, 10), new BigDecimal("1000"), null)),
                List.of());
        assertThatThrownBy(() -> WUJIN.evaluate(new EvaluationRequest("wujin", r.claim(), typo)))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("history.payments[1].kind"))
                .hasMessageContaining("'INPATIENT_SUBSIDDY' is not a benefit kind wujin@2024 knows "
                        + "(INPATIENT_SUBSIDY, CRITICAL_ILLNESS, WORK_INJURY)");
    }

    @Test
    void anotherSchemesKindIsAnErrorUnlessTheRulesetReadsIt() {
        EvaluationRequest r = EngineTest.stay("C5", "8000");
        BenefitHistory aid = new BenefitHistory(List.of(
                new PriorPayment("MUTUAL_AID_SUBSIDY", LocalDate.of(2024, 1, 10), new BigDecimal("500"), null)),
                List.of());
        assertThatThrownBy(() -> WUJIN.evaluate(new EvaluationRequest("wujin", r.claim(), aid)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("history.payments[0].kind");
    }

    @Test
    void grantingAnUndeclaredKindFailsTheClaimNamingTheRule(@TempDir Path dir) throws IOException {
        TestRulesets.write(dir, """
                package t;
                import org.huzhu.api.ruleset.ClaimContext;
                rule "misspelt grant"
                when
                    $c : ClaimContext()
                then
                    $c.grant("TEST_BENEFTI", $c.money("amount"));
                end
                """);
        assertThatThrownBy(() -> testEngine(dir))
                .isInstanceOf(RulesetRefusedException.class)
                .hasMessageContaining("rules/main.drl:7")
                .hasMessageContaining("benefit kind 'TEST_BENEFTI' is not declared in ruleset.yaml (benefits: "
                        + "TEST_BENEFIT)");
        assertThatThrownBy(() -> layerOneOff(dir).evaluate(testClaim()))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("rule 'misspelt grant' uses benefit kind 'TEST_BENEFTI', which the ruleset "
                        + "does not declare (benefits: TEST_BENEFIT)");
    }

    @Test
    void aDeclaredGrantAndAStayRejectionWork(@TempDir Path dir) throws IOException {
        TestRulesets.write(dir, """
                package t;
                import org.huzhu.api.ruleset.ClaimContext;
                import org.huzhu.api.ruleset.Stay;
                rule "pays"
                    @clause("第一条")
                when
                    $c : ClaimContext( $k : key )
                    $s : Stay( key == $k )
                then
                    $c.grant("TEST_BENEFIT", $c.money("amount"));
                    $c.reject($s, "TEST_BENEFIT", "BELOW_THRESHOLD", $c.msg("text").with("nothing more"));
                    $c.review("TEST_BENEFIT", "APPROVAL_REQUIRED", $c.msg("text").with("someone approves"));
                end
                """);
        Decision d = testEngine(dir).evaluate(testClaim());
        assertThat(d.amountOf("TEST_BENEFIT")).isEqualByComparingTo("100");
        assertThat(d.rejections()).containsExactly(new Rejection(ReasonCode.BELOW_THRESHOLD, "TEST_BENEFIT",
                "stay 1", org.huzhu.api.Message.of("text", new org.huzhu.api.Value.Text("nothing more")), "pays", "第一条"));
        assertThat(d.reviewFlags()).singleElement()
                .satisfies(f -> assertThat(f.code()).isEqualTo(ReasonCode.APPROVAL_REQUIRED));
    }

    /**
     * A rejection lists the parameters that decided it, as a benefit does: its conditions' reads and what its
     * consequence read before refusing, each with provenance; what the consequence reads after refusing is not its.
     */
    @Test
    void aRejectionListsTheParametersReadBeforeIt(@TempDir Path dir) throws IOException {
        String drl = """
                package t;
                import org.huzhu.api.ruleset.ClaimContext;
                rule "refuses, then pays"
                    @clause("第三条")
                when
                    $c : ClaimContext( $k : key, money("amount").signum() > 0 )
                then
                    $c.reject("TEST_BENEFIT", "BELOW_THRESHOLD", $c.msg("text").with($c.money("cap")));
                    $c.grant("TEST_BENEFIT", $c.money("later"));
                end
                """;
        TestRulesets.write(dir, drl);
        Files.writeString(dir.resolve("parameters.yaml"), Files.readString(dir.resolve("parameters.yaml")) + """
                cap:
                  type: money
                  description: a cap
                  value: 60
                  provenance: {label: seed, source: doc 1, clause: 以五十元为限, stated: 50}
                later:
                  type: money
                  description: read after the rejection
                  value: 7
                  provenance: {label: derived, source: doc 2, how: 60 less 53}
                """);
        Decision d = testEngine(dir).evaluate(testClaim());
        Rejection r = d.rejections().get(0);
        assertThat(r.parameters()).containsOnlyKeys("amount", "cap");
        assertThat(r.parameters().get("amount").provenance().why()).isEqualTo("a test");
        // 60 in force where the source states 50: said with the use, beside the clause it quotes.
        assertThat(r.parameters().get("cap").value()).isEqualTo("60");
        assertThat(r.parameters().get("cap").differsFromSource()).isTrue();
        assertThat(r.parameters().get("cap").provenance().clause()).isEqualTo("以五十元为限");
        assertThat(d.benefits().get(0).parameters()).containsOnlyKeys("amount", "cap", "later");
        assertThat(d.benefits().get(0).parameters().get("later").provenance().how()).isEqualTo("60 less 53");
    }

    @Test
    void aRulesetWithoutDeclaredKindsIsRefused(@TempDir Path dir) throws IOException {
        TestRulesets.write(dir, "package t;\n");
        Path meta = dir.resolve("ruleset.yaml");
        Files.writeString(meta, Files.readString(meta).replaceAll("benefits:.*\n", ""));
        assertThatThrownBy(() -> testEngine(dir))
                .isInstanceOf(RulesetException.class)
                .hasMessageContaining("ruleset.yaml")
                .hasMessageContaining("benefits")
                .hasMessageContaining("is required");
    }

    @Test
    void aBenefitKindMustBeUpperCase(@TempDir Path dir) throws IOException {
        TestRulesets.write(dir, "package t;\n");
        Path meta = dir.resolve("ruleset.yaml");
        Files.writeString(meta, Files.readString(meta).replace("TEST_BENEFIT:", "test-benefit:"));
        assertThatThrownBy(() -> testEngine(dir))
                .isInstanceOf(RulesetException.class)
                .hasMessageContaining("benefits.test-benefit");
    }

    private static SubsidyEngine testEngine(Path dir) {
        return SubsidyEngine.builder().compileAtBuild(true).classpathRulesets(false).addRulesetFolder(dir).build();
    }

    private static EvaluationRequest testClaim() {
        return new EvaluationRequest("test", EngineTest.stay("T1", "100").claim(), null);
    }

    private static SubsidyEngine layerOneOff(Path dir) {
        DroolsSubsidyEngine.Builder b = new DroolsSubsidyEngine.Builder();
        b.classpathRulesets(false).addRulesetFolder(dir);
        return b.sandboxLayers(new SandboxLayers(false, true)).build();
    }
}
