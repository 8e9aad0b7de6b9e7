package org.huzhu.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.huzhu.api.AmountRange;
import org.huzhu.api.Benefit;
import org.huzhu.api.BenefitHistory;
import org.huzhu.api.Claim;
import org.huzhu.api.Decision;
import org.huzhu.api.EvaluationException;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.EvaluationResult;
import org.huzhu.api.HospitalStay;
import org.huzhu.api.Member;
import org.huzhu.api.RulesetRefusedException;
import org.huzhu.api.SubsidyEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rules run in stages: count, then the engine inserts Base facts; grant, then the engine inserts Granted facts;
 * adjust. The sandbox keeps each rule to what its stage can know.
 */
class StagesTest {
    static final Member MEMBER = new Member("M1", LocalDate.of(1980, 1, 1), true, false, null, null, List.of());
    static final LocalDate DAY = LocalDate.of(2024, 3, 1);
    static final String HEADER = """
            package huzhu.test;
            import org.huzhu.api.ruleset.Base;
            import org.huzhu.api.ruleset.ClaimContext;
            import org.huzhu.api.ruleset.Granted;
            import org.huzhu.api.ruleset.Stay;
            import java.math.BigDecimal;
            """;

    @TempDir
    Path dir;

    /**
     * A ruleset {@code test@1} with the benefit kinds A, B and C, the money parameter {@code amount} = 100 and the
     * history kind AID.
     */
    private SubsidyEngine build(String rules) throws IOException {
        TestRulesets.write(dir, HEADER + rules);
        Files.writeString(dir.resolve("ruleset.yaml"), """
                scheme: test
                version: "1"
                name: {zh: 测试, en: Test}
                region: nowhere
                effective: {from: 2020-01-01}
                coverage: {requiresEnrolment: false}
                rounding: {scale: 2, mode: HALF_UP, description: "to the fen, half-up"}
                benefits:
                  A: {zh: 甲, en: a}
                  B: {zh: 乙, en: b}
                  C: {zh: 丙, en: c}
                historyKinds:
                  AID: {zh: 互助, en: aid}
                """);
        return SubsidyEngine.builder().compileAtBuild(true).classpathRulesets(false).addRulesetFolder(dir).build();
    }

    private static EvaluationRequest claim(String id, String... coPays) {
        List<HospitalStay> stays = new ArrayList<>();
        for (int i = 0; i < coPays.length; i++) {
            stays.add(new HospitalStay("S" + (i + 1), null, DAY, DAY.plusDays(3), null, null,
                    new BigDecimal(coPays[i]), null, null, null, null, null, null, null));
        }
        return new EvaluationRequest("test", Claim.ofStays(id, MEMBER, DAY, stays), BenefitHistory.EMPTY);
    }

    private static Benefit benefit(Decision d, String kind) {
        return d.benefits().stream().filter(b -> b.kind().equals(kind)).findFirst().orElseThrow();
    }

    // ---- stage order ------------------------------------------------------------------------------------

    /**
     * Each stage runs to its end before the next starts, whatever the saliences say: here they say the opposite
     * (adjust 300, grant 200, count 100), and the rules are written in the opposite order too.
     */
    @Test
    void stagesRunInOrderWhateverTheSalience() throws IOException {
        SubsidyEngine engine = build("""
                rule "adjust"
                    @stage("adjust")
                    salience 300
                when
                    $c : ClaimContext( $k : key )
                    $g : Granted( key == $k, kind == "A" )
                then
                    $c.grant("C", $g.getAmount());
                end
                rule "grant"
                    @stage("grant")
                    salience 200
                when
                    $c : ClaimContext( $k : key )
                    $b : Base( key == $k, name == "selfPay" )
                then
                    $c.grant("A", $c.total($b));
                end
                rule "count"
                    @stage("count")
                    salience 100
                when
                    $c : ClaimContext( $k : key )
                    $s : Stay( key == $k )
                then
                    $c.count("selfPay", $s, $s.getCoPay(), $c.msg("text").with("its co-pay"));
                end
                """);
        Decision d = engine.evaluate(claim("C1", "10.00", "20.50"));
        assertThat(d.rulesFired()).containsExactly("count", "count", "grant", "adjust");
        assertThat(d.amountOf("A")).isEqualByComparingTo("30.50");
        assertThat(d.amountOf("C")).isEqualByComparingTo("30.50");
    }

    /**
     * Rulesets written before stages order counting by salience and name no stage: a rule that counts is a count
     * rule, every other rule a grant rule, so they run as before even where salience would now say otherwise.
     */
    @Test
    void aRuleWithoutStageThatCountsIsACountRule() throws IOException {
        SubsidyEngine engine = build("""
                rule "pays the total"
                    salience 100
                when
                    $c : ClaimContext( $k : key )
                    exists Stay( key == $k )
                then
                    $c.grant("A", $c.total("selfPay"));
                end
                rule "counts"
                    salience -100
                when
                    $c : ClaimContext( $k : key )
                    $s : Stay( key == $k )
                then
                    $c.count("selfPay", $s, $s.getCoPay(), $c.msg("text").with("its co-pay"));
                end
                """);
        Decision d = engine.evaluate(claim("C1", "1.25", "2.50", "4.00"));
        assertThat(d.amountOf("A")).isEqualByComparingTo("7.75");
        assertThat(d.rulesFired()).containsExactly("counts", "counts", "counts", "pays the total");
    }

    // ---- Base facts -------------------------------------------------------------------------------------

    /**
     * One Base per counted base, its amount what was counted less what was deducted, its constraints matched like
     * any fact's; {@code total($b)} adds the counting steps to the explanation. 40 + 25 − 15 (AID in the history)
     * = 50, not above the parameter amount (100): the second rule fires, the first does not.
     */
    @Test
    void aBaseCarriesItsAmountAndItsCountingSteps() throws IOException {
        SubsidyEngine engine = build("""
                rule "counts"
                    @stage("count")
                when
                    $c : ClaimContext( $k : key )
                    $s : Stay( key == $k )
                then
                    $c.count("selfPay", $s, $s.getCoPay(), $c.msg("text").with("its co-pay"));
                end
                rule "deducts aid"
                    @stage("count")
                when
                    $c : ClaimContext( $k : key )
                    exists Stay( key == $k )
                then
                    $c.deduct("selfPay", $c.paidInPeriod("AID"), $c.msg("text").with("aid already received"));
                end
                rule "above the amount"
                when
                    $c : ClaimContext( $k : key )
                    $b : Base( key == $k, name == "selfPay", amount > $c.money("amount") )
                then
                    $c.grant("A", $c.total($b));
                end
                rule "at most the amount"
                when
                    $c : ClaimContext( $k : key )
                    $b : Base( key == $k, name == "selfPay", amount <= $c.money("amount") )
                then
                    $c.grant("B", $c.total($b));
                end
                """);
        EvaluationRequest r = claim("C1", "40.00", "25.00");
        r = new EvaluationRequest("test", r.claim(), new BenefitHistory(List.of(
                new org.huzhu.api.PriorPayment("AID", DAY.minusDays(10), new BigDecimal("15.00"), null)), List.of()));
        Decision d = engine.evaluate(r);
        assertThat(d.benefits()).extracting(Benefit::kind).containsExactly("B");
        Benefit b = benefit(d, "B");
        assertThat(b.amount()).isEqualByComparingTo("50.00");
        assertThat(TestRulesets.englishSteps(engine, d, b.explanation())).containsExactly(
                "S1: its co-pay → counts 40.00",
                "S2: its co-pay → counts 25.00",
                "less aid already received: − 15.00",
                "selfPay = 50.00");
        // The condition read `amount`: it decided which rule fired, so it is listed with the outcome.
        assertThat(b.parameters().get("amount").value()).isEqualTo("100");
    }

    /** A deduction larger than what was counted leaves 0, and says so; a claim with nothing counted has no Base. */
    @Test
    void aDeductionStopsAtZeroAndNoCountingMeansNoBase() throws IOException {
        SubsidyEngine engine = build("""
                rule "counts"
                    @stage("count")
                when
                    $c : ClaimContext( $k : key )
                    $s : Stay( key == $k )
                then
                    $c.count("selfPay", $s, $s.getCoPay(), $c.msg("text").with("its co-pay"));
                end
                rule "deducts"
                    @stage("count")
                when
                    $c : ClaimContext( $k : key )
                    exists Stay( key == $k )
                then
                    $c.deduct("selfPay", $c.money("amount"), $c.msg("text").with("the amount"));
                end
                rule "pays the base"
                when
                    $c : ClaimContext( $k : key )
                    $b : Base( key == $k, name == "selfPay" )
                then
                    $c.grant("A", $c.total($b));
                end
                """);
        Decision d = engine.evaluate(claim("C1", "30.00"));
        assertThat(d.amountOf("A")).isEqualByComparingTo("0");
        assertThat(TestRulesets.englishSteps(engine, d, benefit(d, "A").explanation())).containsExactly(
                "S1: its co-pay → counts 30.00",
                "less the amount: − 100.00",
                "30.00 counted − 100.00 deducted is not above 0 → 0",
                "selfPay = 0.00");
        Decision none = engine.evaluate(claim("C2"));
        assertThat(none.benefits()).isEmpty();
        assertThat(none.rulesFired()).isEmpty();
    }

    // ---- Granted facts ----------------------------------------------------------------------------------

    private static final String GRANTS = """
            rule "grants A"
            when
                $c : ClaimContext( claim.id != "NONE" )
            then
                $c.grant("A", $c.money("amount"));
            end
            rule "grants B as a range"
            when
                $c : ClaimContext( claim.id != "NONE" )
            then
                $c.grantRange("B", BigDecimal.ZERO, $c.money("amount").add($c.money("amount")), "APPROVAL_REQUIRED",
                        $c.msg("text").with("someone decides"));
            end
            """;

    /**
     * One Granted per benefit granted, with its amount or its range's bounds; an adjusting rule matches them. A = 100,
     * B = 0..200: C = B's maximum − what A was granted = 100. An adjusting rule that grants A again (salience 10,
     * so first) does not change what the other reads: the Granted facts are those of the grant stage.
     */
    @Test
    void adjustingRulesMatchWhatWasGranted() throws IOException {
        SubsidyEngine engine = build(GRANTS + """
                rule "grants A again"
                    @stage("adjust")
                    salience 10
                when
                    $c : ClaimContext( $k : key )
                    Granted( key == $k, kind == "A", !range, amount >= $c.money("amount") )
                then
                    $c.grant("A", $c.money("amount"));
                end
                rule "C is what B may reach beyond A"
                    @stage("adjust")
                when
                    $c : ClaimContext( $k : key )
                    $r : Granted( key == $k, kind == "B", range, maximum > minimum )
                then
                    $c.grant("C", $c.less($r.getMaximum(), $c.granted("A"), $c.msg("text").with("A granted")));
                end
                """);
        Decision d = engine.evaluate(claim("C1"));
        AmountRange range = benefit(d, "B").range();
        assertThat(range.min()).isEqualByComparingTo("0");
        assertThat(range.max()).isEqualByComparingTo("200");
        assertThat(d.amountOf("C")).isEqualByComparingTo("100");
        assertThat(TestRulesets.englishSteps(engine, d, benefit(d, "C").explanation())).containsExactly("200.00 − A granted 100.00 = 100.00");
        assertThat(d.benefits()).filteredOn(b -> b.kind().equals("A")).hasSize(2);
        // Nothing granted: no Granted fact, no adjusting rule fires.
        assertThat(engine.evaluate(claim("NONE")).benefits()).isEmpty();
    }

    /**
     * The engine fires only stages with rules and inserts only facts some rule matches. An adjusting rule that matches
     * no Granted fact still reads what was granted (the engine records it whether or not it inserts the facts), and in
     * a batch each claim reads its own.
     */
    @Test
    void anAdjustingRuleWithoutAGrantedPatternReadsWhatWasGranted() throws IOException {
        SubsidyEngine engine = build("""
                rule "grants A for each stay"
                when
                    $c : ClaimContext( $k : key )
                    $s : Stay( key == $k )
                then
                    $c.grant("A", $s.getCoPay());
                end
                rule "C is A's total"
                    @stage("adjust")
                when
                    $c : ClaimContext( )
                then
                    $c.grant("C", $c.granted("A"));
                end
                """);
        RulesetRuntime runtime = new RulesetRuntime(((DroolsSubsidyEngine) engine).loaded().get(0), 1);
        assertThat(runtime.stagesWithRules).containsExactly(Stage.GRANT, Stage.ADJUST);
        assertThat(runtime.matchesBases).isFalse();
        assertThat(runtime.matchesGranted).isFalse();
        List<EvaluationRequest> batch = List.of(claim("C1", "1.00"), claim("C2", "2.00", "3.00"), claim("C3"));
        List<EvaluationResult> results = engine.evaluateAll(batch);
        // C1: A = 1; C2: A = 2 + 3 = 5; C3: no stay, no A, C = 0.
        assertThat(results.get(0).decision().amountOf("C")).isEqualByComparingTo("1");
        assertThat(results.get(1).decision().amountOf("C")).isEqualByComparingTo("5");
        assertThat(results.get(2).decision().amountOf("C")).isEqualByComparingTo("0");
        for (int i = 0; i < batch.size(); i++) {
            assertThat(results.get(i).decision()).isEqualTo(engine.evaluate(batch.get(i)));
        }
    }

    /** Which stages and inserted facts each kind of ruleset needs, as the engine reads them from the network. */
    @Test
    void theEngineKnowsWhichStagesHaveRulesAndWhichFactsAreMatched() throws IOException {
        SubsidyEngine engine = build(GRANTS + """
                rule "counts each stay"
                    @stage("count")
                when
                    $c : ClaimContext( $k : key )
                    $s : Stay( key == $k )
                then
                    $c.count("days", $s, $s.getCoPay(), $c.msg("text").with("stay"));
                end
                rule "grants the base"
                when
                    $c : ClaimContext( $k : key )
                    $b : Base( key == $k, name == "days" )
                then
                    $c.grant("C", $c.total($b));
                end
                rule "grants A again"
                    @stage("adjust")
                when
                    $c : ClaimContext( $k : key )
                    Granted( key == $k, kind == "A" )
                then
                    $c.grant("A", $c.money("amount"));
                end
                """);
        RulesetRuntime runtime = new RulesetRuntime(((DroolsSubsidyEngine) engine).loaded().get(0), 1);
        assertThat(runtime.stagesWithRules).containsExactly(Stage.COUNT, Stage.GRANT, Stage.ADJUST);
        assertThat(runtime.matchesBases).isTrue();
        assertThat(runtime.matchesGranted).isTrue();
        // Wujin 2024 counts and grants, and adjusts nothing: no adjust stage, and no Granted fact is inserted.
        SubsidyEngine wujin = SubsidyEngine.builder().compileAtBuild(true).classpathRulesets(false)
                .addRulesetFolder(TestRulesets.WUJIN).build();
        RulesetRuntime wujinRuntime = new RulesetRuntime(((DroolsSubsidyEngine) wujin).loaded().get(0), 1);
        assertThat(wujinRuntime.stagesWithRules).containsExactly(Stage.COUNT, Stage.GRANT);
        assertThat(wujinRuntime.matchesBases).isTrue();
        assertThat(wujinRuntime.matchesGranted).isFalse();
    }

    /** In a batch, each claim's adjusting rules see that claim's Granted facts only, as they would alone. */
    @Test
    void aBatchAdjustsEachClaimOnItsOwnGrants() throws IOException {
        SubsidyEngine engine = build("""
                rule "grants A for each stay"
                when
                    $c : ClaimContext( $k : key )
                    $s : Stay( key == $k )
                then
                    $c.grant("A", $s.getCoPay());
                end
                rule "C repeats each A"
                    @stage("adjust")
                when
                    $c : ClaimContext( $k : key )
                    $g : Granted( key == $k, kind == "A" )
                then
                    $c.grant("C", $c.granted("A"));
                end
                """);
        List<EvaluationRequest> batch = List.of(claim("C1", "1.00"), claim("C2", "2.00", "3.00"), claim("C3"));
        List<EvaluationResult> results = engine.evaluateAll(batch);
        for (int i = 0; i < batch.size(); i++) {
            assertThat(results.get(i).decision()).isEqualTo(engine.evaluate(batch.get(i)));
        }
        // C2: A = 2 and A = 3, so each of its two Granted facts fires "C repeats each A" with granted("A") = 5.
        assertThat(results.get(1).decision().benefits()).filteredOn(b -> b.kind().equals("C"))
                .extracting(Benefit::amount).containsExactly(new BigDecimal("5.00"), new BigDecimal("5.00"));
        assertThat(results.get(0).decision().amountOf("C")).isEqualByComparingTo("1");
        assertThat(results.get(2).decision().benefits()).isEmpty();
    }

    /** An error in the adjust stage is the claim's failure, naming the rule, as in any stage. */
    @Test
    void readingARangeAsAnAmountFailsTheClaimNamingTheRule() throws IOException {
        SubsidyEngine engine = build(GRANTS + """
                rule "reads B as an amount"
                    @stage("adjust")
                when
                    $c : ClaimContext( $k : key )
                then
                    $c.grant("C", $c.granted("B"));
                end
                """);
        assertThatThrownBy(() -> engine.evaluate(claim("C1")))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("in rule \"reads B as an amount\"")
                .hasMessageContaining("granted as a range");
    }

    // ---- what the sandbox refuses -----------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "count outside the count stage | @stage(\"grant\") | $s : Stay( key == $k ) | $c.count(\"b\", $s, BigDecimal.ZERO, $c.msg(\"text\").with(\"h\")); | 13 | in the grant stage: only a count-stage rule may count toward a base",
        "deduct in the adjust stage    | @stage(\"adjust\") | exists Stay( key == $k ) | $c.deduct(\"b\", BigDecimal.ONE, $c.msg(\"text\").with(\"h\")); | 13 | in the adjust stage: only a count-stage rule may count",
        "total while counting          | @stage(\"count\") | exists Stay( key == $k ) | $c.note($c.msg(\"text\").with(\"\" + $c.total(\"b\"))); | 13 | in the count stage: a total read while counting depends on the order",
        "granted before the adjust stage | @stage(\"grant\") | exists Stay( key == $k ) | $c.grant(\"A\", $c.granted(\"A\")); | 13 | what was granted is known from the adjust stage on",
        "Base matched in the count stage | @stage(\"count\") | $b : Base( key == $k ) | $c.note($c.msg(\"text\").with(\"x\")); | 11 | Base facts are inserted after the count stage",
        "Base matched by a rule that counts | // no stage | $b : Base( key == $k ) | $c.count(\"b\", null, BigDecimal.ZERO, $c.msg(\"text\").with(\"h\")); | 11 | in the count stage: Base facts are inserted after the count stage",
        "Granted matched in the grant stage | // no stage | $g : Granted( key == $k ) | $c.note($c.msg(\"text\").with(\"x\")); | 11 | in the grant stage: Granted facts are inserted after the grant stage",
        "Base matched in not, in the count stage | @stage(\"count\") | not Base( key == $k ) | $c.note($c.msg(\"text\").with(\"x\")); | 11 | Base facts are inserted after the count stage",
        "a Base not joined to its claim | // no stage | $b : Base( name == \"b\" ) | $c.note($c.msg(\"text\").with(\"x\")); | 11 | pattern Base must join its claim with the constraint key == $k",
        "a Granted not joined to its claim | @stage(\"adjust\") | exists Granted( kind == \"A\" ) | $c.note($c.msg(\"text\").with(\"x\")); | 11 | pattern Granted must join its claim with the constraint key == $k",
        "an impure helper on a Stay | // no stage | $s : Stay( key == $k, $c.less(coPay, BigDecimal.ONE, $c.msg(\"text\").with(\"x\")) == null ) | $c.note($c.msg(\"text\").with(\"x\")); | 11 | less(…) is not allowed in a condition",
        "an impure helper on a Base | // no stage | $b : Base( key == $k, amount > $c.atMost(amount, amount, $c.msg(\"text\").with(\"x\")) ) | $c.note($c.msg(\"text\").with(\"x\")); | 11 | atMost(…) is not allowed in a condition",
        "an outcome read in a condition | // no stage | $b : Base( key == $k, !$c.rejected(\"A\") ) | $c.note($c.msg(\"text\").with(\"x\")); | 11 | rejected(…) is not allowed in a condition",
        "a total in a condition | // no stage | $b : Base( key == $k, amount == $c.total(\"b\") ) | $c.note($c.msg(\"text\").with(\"x\")); | 11 | total(…) is not allowed in a condition",
        "an unknown stage | @stage(\"later\") | exists Stay( key == $k ) | $c.note($c.msg(\"text\").with(\"x\")); | 7 | @stage takes one of \"count\", \"grant\", \"adjust\"",
        "a stage that is not a literal | @stage(\"gr\" + \"ant\") | exists Stay( key == $k ) | $c.note($c.msg(\"text\").with(\"x\")); | 7 | @stage takes one of",
    })
    void refuses(String what, String stage, String pattern, String code, int line, String message) throws IOException {
        // After the 6 lines of HEADER: the rule's name is line 7 (where a bad @stage is named: Drools gives annotations
        // no line), the claim 10, the pattern 11, the code 13.
        String drl = "rule \"r\"\n    " + stage + "\nwhen\n    $c : ClaimContext( $k : key )\n    " + pattern
                + "\nthen\n    " + code + "\nend\n";
        assertThatThrownBy(() -> build(drl))
                .as(what)
                .isInstanceOf(RulesetRefusedException.class)
                .hasMessageContaining("rules/main.drl:" + line)
                .hasMessageContaining(message);
    }

    /** An impure helper in the claim's own pattern is refused too, naming the helper and the pure ones. */
    @Test
    void refusesAHelperThatWritesTheExplanationInTheClaimPattern() throws IOException {
        assertThatThrownBy(() -> build("""
                rule "r"
                when
                    $c : ClaimContext( capped(money("amount"), "amount") != null )
                then
                    $c.note($c.msg("text").with("x"));
                end
                """))
                .isInstanceOf(RulesetRefusedException.class)
                .hasMessageContaining("rules/main.drl:9")
                .hasMessageContaining("capped(…) is not allowed in a condition")
                .hasMessageContaining("money")
                .hasMessageContaining("withinMonthsBefore");
    }
}
