package org.huzhu.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.huzhu.api.Benefit;
import org.huzhu.api.Decision;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.Language;
import org.huzhu.api.ReasonCode;
import org.huzhu.api.RulesetException;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.RulesetRefusedException;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.api.json.HuzhuJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reforms (issue 10): a YAML file outside the rulesets that changes a version's figures or rules, loaded with the
 * extends machinery, deciding in its base's place from its date, checked like a ruleset, and stamped on decisions.
 * Amounts are worked by hand from the Shaoxing 2015 clauses (80% → the reform's 70%, whole yuan, dropped).
 */
class ReformTest {
    static final Path SHAOXING = Path.of("..", "rulesets", "shaoxing");
    static final Path EXAMPLE = Path.of("..", "examples", "reforms", "shaoxing-70-40000.yaml");

    @TempDir
    Path dir;

    static SubsidyEngine.Builder shaoxing() {
        return SubsidyEngine.builder().classpathRulesets(false).addRulesetFolder(SHAOXING);
    }

    /** A Shaoxing claim dated {@code date}, its member enrolled for that year: one inpatient stay of 10 days. */
    static EvaluationRequest stay(String ruleset, LocalDate date, String coPay, boolean whatIf) {
        int year = date.getYear();
        return HuzhuJson.read("""
                {"ruleset": "%s", "whatIf": %s, "claim": {"id": "C-%s", "claimDate": "%s",
                 "member": {"id": "M1", "enrolments": [{"scheme": "shaoxing", "from": "%d-01-01", "to": "%d-12-31"}]},
                 "stays": [{"admissionDate": "%s", "dischargeDate": "%s", "coPay": %s}]}}
                """.formatted(ruleset, whatIf, date, date, year, year, date, date.plusDays(10), coPay),
                EvaluationRequest.class, "test");
    }

    Path reform(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    static final String RATE_70 = """
            name: seventy
            base: shaoxing@2015
            description: pay 70% instead of 80%
            parameters:
              secondReimbursementRate:
                type: rate
                value: 0.70
                provenance: {label: assumed, why: a proposal}
            """;

    @Test
    void theExampleReformDecidesInPlaceOfShaoxing2015AndStampsItsNameAndHash() {
        SubsidyEngine base = shaoxing().build();
        SubsidyEngine reformed = shaoxing().reform(EXAMPLE).build();
        EvaluationRequest golden = stay("shaoxing", LocalDate.of(2024, 8, 1), "2287.99", false);

        Decision before = base.evaluate(golden);
        Decision after = reformed.evaluate(golden);
        // 2,287.99 × 80% = 1,830.392 → 1,830 under the base; × 70% = 1,601.593 → 1,601 under the reform; 10 days × 25.
        assertThat(before.amountOf("SECOND_REIMBURSEMENT")).isEqualByComparingTo("1830");
        assertThat(after.amountOf("SECOND_REIMBURSEMENT")).isEqualByComparingTo("1601");
        assertThat(after.amountOf("INPATIENT_ALLOWANCE")).isEqualByComparingTo("250");
        assertThat(before.reform()).isNull();
        assertThat(after.reform()).isEqualTo("shaoxing-70-40000");
        assertThat(after.rulesetId()).isEqualTo("shaoxing@2015");
        assertThat(after.whatIf()).isFalse();

        // The engine lists the reform after its base; its hash is its own and stamped on its decisions.
        List<RulesetInfo> infos = reformed.rulesets();
        assertThat(infos).extracting(RulesetInfo::id).containsExactly("shaoxing@2015", "shaoxing@2015");
        RulesetInfo baseInfo = infos.get(0);
        RulesetInfo reformInfo = infos.get(1);
        assertThat(baseInfo.reform()).isNull();
        assertThat(baseInfo.contentHash()).isEqualTo(base.rulesets().get(0).contentHash())
                .isEqualTo(before.rulesetHash());
        assertThat(reformInfo.reform().name()).isEqualTo("shaoxing-70-40000");
        assertThat(reformInfo.reform().appliesFrom()).isNull();
        assertThat(reformInfo.reform().description()).startsWith("Shaoxing's second reimbursement");
        assertThat(reformInfo.origin()).isEqualTo(EXAMPLE.toString());
        assertThat(reformInfo.base()).isEqualTo("shaoxing@2015");
        assertThat(reformInfo.baseOrigin()).isEqualTo(baseInfo.origin());
        assertThat(reformInfo.effectiveFrom()).isEqualTo(LocalDate.of(2015, 1, 1));
        assertThat(reformInfo.effectiveTo()).isNull();
        assertThat(reformInfo.nameEn()).endsWith("(reform shaoxing-70-40000)");
        assertThat(reformInfo.contentHash()).isEqualTo(after.rulesetHash()).isNotEqualTo(before.rulesetHash());
        assertThat(reformed.ruleset(after)).isSameAs(reformInfo);
        assertThat(reformed.ruleset(reformed.evaluate(golden))).isSameAs(reformInfo);
        assertThat(reformed.resolve("shaoxing", LocalDate.of(2024, 8, 1))).isSameAs(reformInfo);

        // The parameters in force: the reform's two figures, set by it, with its provenance; the others the base's.
        assertThat(reformInfo.parameters()).extracting(p -> p.parameter().name() + "=" + p.parameter().valueText())
                .containsExactly("secondReimbursementRate=70%", "yearlyCap=40000", "inpatientAllowancePerDay=25",
                        "deathCondolence=3000");
        assertThat(reformInfo.parameters()).extracting(RulesetInfo.ParameterInForce::from).containsExactly(
                "reform shaoxing-70-40000", "reform shaoxing-70-40000", "shaoxing@2015", "shaoxing@2015");
        assertThat(reformInfo.parameters().get(0).parameter().provenance().label()).isEqualTo("assumed");
        // The source states 80% and 50,000: the reform's figures differ from the source, and the outcome says so.
        Benefit reimbursement = after.benefits().stream().filter(b -> b.kind().equals("SECOND_REIMBURSEMENT"))
                .findFirst().orElseThrow();
        assertThat(reimbursement.parameters().get("secondReimbursementRate").differsFromSource()).isTrue();
        assertThat(reimbursement.parameters().get("secondReimbursementRate").value()).isEqualTo("70%");
        // Its texts render (the base's messages, inherited).
        assertThat(reformed.texts(after).render(reimbursement.explanation().get(0), Language.EN)).isNotBlank();
    }

    @Test
    void theReformsCapCountsWhatThePeriodAlreadyPaid() {
        SubsidyEngine reformed = shaoxing().reform(EXAMPLE).build();
        EvaluationRequest plain = stay("shaoxing", LocalDate.of(2024, 9, 1), "20000", false);
        EvaluationRequest paid30000 = new EvaluationRequest(plain.ruleset(), plain.claim(), HuzhuJson.read(
                "{\"payments\": [{\"kind\": \"SECOND_REIMBURSEMENT\", \"date\": \"2024-03-10\", \"amount\": 30000}]}",
                org.huzhu.api.BenefitHistory.class, "history"));
        // 20,000 × 70% = 14,000 within 40,000; with 30,000 paid, 40,000 − 30,000 = 10,000 left.
        assertThat(reformed.evaluate(plain).amountOf("SECOND_REIMBURSEMENT")).isEqualByComparingTo("14000");
        assertThat(reformed.evaluate(paid30000).amountOf("SECOND_REIMBURSEMENT")).isEqualByComparingTo("10000");
    }

    @Test
    void claimsDatedBeforeAppliesFromStayUnderTheBase() throws IOException {
        Path file = reform("later.yaml", RATE_70.replace("name: seventy", "name: from-july")
                .replace("parameters:", "appliesFrom: 2024-07-01\nparameters:"));
        SubsidyEngine engine = shaoxing().reform(file).build();
        // 1,000 × 80% = 800 before 2024-07-01, × 70% = 700 from it.
        Decision june = engine.evaluate(stay("shaoxing", LocalDate.of(2024, 6, 30), "1000", false));
        Decision july = engine.evaluate(stay("shaoxing", LocalDate.of(2024, 7, 1), "1000", false));
        assertThat(june.amountOf("SECOND_REIMBURSEMENT")).isEqualByComparingTo("800");
        assertThat(june.reform()).isNull();
        assertThat(july.amountOf("SECOND_REIMBURSEMENT")).isEqualByComparingTo("700");
        assertThat(july.reform()).isEqualTo("from-july");
        // Pinned to the base, the same: the reform replaces the base version from its date.
        assertThat(engine.evaluate(stay("shaoxing@2015", LocalDate.of(2024, 7, 1), "1000", false)).reform())
                .isEqualTo("from-july");
        assertThat(engine.resolve("shaoxing", LocalDate.of(2024, 6, 30)).reform()).isNull();
        RulesetInfo info = engine.resolve("shaoxing", LocalDate.of(2024, 7, 1));
        assertThat(info.reform().appliesFrom()).isEqualTo(LocalDate.of(2024, 7, 1));
        assertThat(info.effectiveFrom()).isEqualTo(LocalDate.of(2024, 7, 1));
    }

    @Test
    void withoutAppliesFromTheReformDecidesWhatIfsOffTheBasesDatesToo() throws IOException {
        SubsidyEngine engine = shaoxing().reform(reform("r.yaml", RATE_70)).build();
        // A what-if pinned to shaoxing@2015 on a claim of 2014 (before the base's start): the reform, 1,000 × 70%.
        Decision d = engine.evaluate(stay("shaoxing@2015", LocalDate.of(2014, 6, 1), "1000", true));
        assertThat(d.reform()).isEqualTo("seventy");
        assertThat(d.amountOf("SECOND_REIMBURSEMENT")).isEqualByComparingTo("700");
        assertThat(d.whatIf()).isTrue();
        assertThat(d.warnings()).extracting(w -> w.code()).contains(ReasonCode.PINNED_VERSION_NOT_IN_FORCE);
    }

    @Test
    void aReformMayReplaceARuleFileAndBringItsMessages() throws IOException {
        String drl = Files.readString(SHAOXING.resolve("2015/rules/second-reimbursement.drl"))
                .replace("    $c.grant(\"SECOND_REIMBURSEMENT\", amount);",
                        "    $c.note($c.msg(\"reformNote\"));\n    $c.grant(\"SECOND_REIMBURSEMENT\", amount);");
        reform("own/rules/second-reimbursement.drl", drl);
        Path file = reform("own/noted.yaml", RATE_70.replace("name: seventy", "name: noted") + """
                rules: [rules/second-reimbursement.drl]
                messages:
                  reformNote: {zh: 按改革方案计算, en: computed under the reform}
                """);
        SubsidyEngine engine = shaoxing().reform(file).build();
        Decision d = engine.evaluate(stay("shaoxing", LocalDate.of(2024, 8, 1), "1000", false));
        Benefit b = d.benefits().stream().filter(x -> x.kind().equals("SECOND_REIMBURSEMENT")).findFirst()
                .orElseThrow();
        assertThat(b.amount()).isEqualByComparingTo("700");
        List<String> steps = b.explanation().stream().map(m -> engine.texts(d).render(m, Language.EN)).toList();
        assertThat(steps).contains("computed under the reform");
        RulesetInfo info = engine.ruleset(d);
        assertThat(info.ruleFiles()).filteredOn(f -> f.path().equals("rules/second-reimbursement.drl"))
                .extracting(f -> f.from() + " " + f.location())
                .containsExactly("reform noted " + dir.resolve("own") + "/rules/second-reimbursement.drl");
        assertThat(info.ruleFiles()).filteredOn(f -> f.path().equals("rules/death-condolence.drl"))
                .extracting(RulesetInfo.RuleFile::location).allMatch(l -> l.startsWith(SHAOXING.toString()));
    }

    @Test
    void anOverrideOfAParameterTheBaseDoesNotHaveIsAnErrorNamingTheFileLineAndKey() throws IOException {
        Path file = reform("typo.yaml", """
                name: typo
                base: shaoxing@2015
                description: a misspelt override
                parameters:
                  yearlyCapp:
                    type: money
                    value: 40000
                    provenance: {label: assumed, why: a proposal}
                """);
        assertThatThrownBy(() -> shaoxing().reform(file).build()).isInstanceOf(RulesetException.class)
                .hasMessage(file + ":5: parameters.yearlyCapp: overrides parameter 'yearlyCapp', which shaoxing@2015 "
                        + "does not have; mark a parameter this version adds with new: true");
    }

    @Test
    void anOverrideOfAnotherTypeIsAnError() throws IOException {
        Path file = reform("type.yaml", """
                name: wrong-type
                base: shaoxing@2015
                description: a cap written as a rate
                parameters:
                  yearlyCap:
                    type: rate
                    value: 0.4
                    provenance: {label: assumed, why: a proposal}
                """);
        assertThatThrownBy(() -> shaoxing().reform(file).build()).isInstanceOf(RulesetException.class)
                .hasMessage(file + ":6: parameters.yearlyCap.type: overrides parameter 'yearlyCap' of shaoxing@2015, "
                        + "which is money, with rate; an override keeps the type");
    }

    @Test
    void anOverrideWithoutProvenanceIsAnError() throws IOException {
        Path file = reform("bare.yaml", """
                name: bare
                base: shaoxing@2015
                description: no provenance
                parameters:
                  yearlyCap:
                    type: money
                    value: 40000
                """);
        assertThatThrownBy(() -> shaoxing().reform(file).build()).isInstanceOf(RulesetException.class)
                .hasMessage(file + ":5: parameters.yearlyCap.provenance: is required: every parameter says where its "
                        + "value comes from");
    }

    @Test
    void anUnknownBaseIsAnErrorNamingTheVersionsThereAre() throws IOException {
        Path later = reform("later.yaml", RATE_70.replace("shaoxing@2015", "shaoxing@2099"));
        assertThatThrownBy(() -> shaoxing().reform(later).build()).isInstanceOf(RulesetException.class)
                .hasMessage(later + ":2: base: shaoxing@2099 is not a loaded ruleset version (versions of shaoxing: "
                        + "shaoxing@2015)");
        Path other = reform("other.yaml", RATE_70.replace("shaoxing@2015", "nowhere@1"));
        assertThatThrownBy(() -> shaoxing().reform(other).build()).isInstanceOf(RulesetException.class)
                .hasMessage(other + ":2: base: nowhere@1 is not a loaded ruleset version (no scheme 'nowhere')");
    }

    @Test
    void malformedReformFilesAreErrorsNamingTheKey() throws IOException {
        Path unknownKey = reform("key.yaml", RATE_70.replace("parameters:", "paramters: {}\nparameters:"));
        assertThatThrownBy(() -> shaoxing().reform(unknownKey).build()).isInstanceOf(RulesetException.class)
                .hasMessage(unknownKey + ":4: unknown key 'paramters' (known keys: appliesFrom, base, description, "
                        + "messages, name, parameters, removeRules, rules)");
        Path noName = reform("noname.yaml", RATE_70.replace("name: seventy\n", ""));
        assertThatThrownBy(() -> shaoxing().reform(noName).build()).isInstanceOf(RulesetException.class)
                .hasMessageStartingWith(noName + ": name: is required");
        Path early = reform("early.yaml", RATE_70.replace("parameters:", "appliesFrom: 2014-12-31\nparameters:"));
        assertThatThrownBy(() -> shaoxing().reform(early).build()).isInstanceOf(RulesetException.class)
                .hasMessage(early + ":4: appliesFrom: 2014-12-31 is outside the dates of shaoxing@2015 (2015-01-01..): "
                        + "a reform replaces its base only on the base's dates");
        Path nothing = reform("nothing.yaml", "name: nothing\nbase: shaoxing@2015\ndescription: nothing\n");
        assertThatThrownBy(() -> shaoxing().reform(nothing).build()).isInstanceOf(RulesetException.class)
                .hasMessageContaining("changes nothing");
        Path missing = dir.resolve("missing.yaml");
        assertThatThrownBy(() -> shaoxing().reform(missing).build()).isInstanceOf(InvalidInputException.class)
                .hasMessage(missing + ": does not exist");
    }

    @Test
    void aRuleFileTheSandboxRefusesOrThatDoesNotCompileIsAnErrorNamingItsLine() throws IOException {
        reform("refused/rules/extra.drl", """
                package huzhu.shaoxing.y2015;

                import java.io.File;
                """);
        Path refused = reform("refused/r.yaml", RATE_70 + "rules: [rules/extra.drl]\n");
        assertThatThrownBy(() -> shaoxing().reform(refused).build()).isInstanceOf(RulesetRefusedException.class)
                .hasMessageStartingWith(dir.resolve("refused") + "/rules/extra.drl:3: import of java.io.File is not "
                        + "allowed");

        reform("broken/rules/extra.drl", """
                package huzhu.shaoxing.y2015;
                import org.huzhu.api.ruleset.ClaimContext;

                rule "Broken"
                when
                    $c : ClaimContext( $k : key
                then
                end
                """);
        Path broken = reform("broken/r.yaml", RATE_70 + "rules: [rules/extra.drl]\n");
        assertThatThrownBy(() -> shaoxing().reform(broken).build()).isInstanceOf(RulesetException.class)
                .hasMessageStartingWith(dir.resolve("broken") + "/rules/extra.drl:");

        Path absent = reform("absent/r.yaml", RATE_70 + "rules: [rules/absent.drl]\n");
        assertThatThrownBy(() -> shaoxing().reform(absent).build()).isInstanceOf(RulesetException.class)
                .hasMessageStartingWith(absent + ":9: rules: rules/absent.drl does not exist");
        Path escape = reform("escape/r.yaml", RATE_70 + "rules: [rules/../../x.drl]\n");
        assertThatThrownBy(() -> shaoxing().reform(escape).build()).isInstanceOf(RulesetException.class)
                .hasMessageContaining("is not a rule file path");
    }

    @Test
    void aReformThatCannotLoadIsHandedToTheHandlerAndTheBaseStillLoads() throws IOException {
        Path typo = reform("typo.yaml", RATE_70.replace("secondReimbursementRate", "secondReimbursmentRate"));
        List<RulesetException> errors = new ArrayList<>();
        SubsidyEngine engine = shaoxing().reform(typo).onRulesetError(errors::add).build();
        assertThat(errors).singleElement().extracting(RulesetException::location).isEqualTo(typo + ":5");
        assertThat(engine.rulesets()).extracting(RulesetInfo::reform).containsExactly((RulesetInfo.Reform) null);
        assertThat(engine.evaluate(stay("shaoxing", LocalDate.of(2024, 8, 1), "1000", false))
                .amountOf("SECOND_REIMBURSEMENT")).isEqualByComparingTo("800");
    }

    @Test
    void oneReformPerBaseVersion() throws IOException {
        Path first = reform("a.yaml", RATE_70);
        Path second = reform("b.yaml", RATE_70.replace("name: seventy", "name: sixty").replace("0.70", "0.60"));
        assertThatThrownBy(() -> shaoxing().reform(first).reform(second).build())
                .isInstanceOf(RulesetException.class)
                .hasMessage(second + ": reform sixty changes shaoxing@2015, which reform seventy (" + first
                        + ") already changes: one reform per version");
    }

    @Test
    void theHashCoversTheReformFileAndNotItsName() throws IOException {
        String hash = shaoxing().reform(reform("a.yaml", RATE_70)).build().rulesets().get(1).contentHash();
        assertThat(shaoxing().reform(reform("elsewhere/b.yaml", RATE_70)).build().rulesets().get(1).contentHash())
                .isEqualTo(hash);
        assertThat(shaoxing().reform(reform("c.yaml", RATE_70 + "# a comment\n")).build().rulesets().get(1)
                .contentHash()).isNotEqualTo(hash);
        assertThat(hash).isNotEqualTo(shaoxing().build().rulesets().get(0).contentHash());
    }
}
