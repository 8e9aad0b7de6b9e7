package org.huzhu.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.huzhu.api.ReasonCode;
import org.huzhu.api.SubsidyEngine;
import org.junit.jupiter.api.Test;

/** Case files can expect reason codes, ask for a what-if, and name only declared benefit kinds. */
class CaseCodesTest {
    static final SubsidyEngine WUJIN = SubsidyEngine.builder().classpathRulesets(false)
            .addRulesetFolder(Path.of("..", "rulesets", "wujin")).build();

    static final String FILE = """
            ruleset: wujin
            member:
              id: M1
              enrolments:
                - {scheme: wujin, from: 2023-01-01, to: 2023-12-31}
                - {scheme: wujin, from: 2024-01-01, to: 2024-12-31}
            cases:
              - name: code and text both match
                claim:
                  claimDate: 2024-03-01
                  stays: [{id: S-D, admissionDate: 2024-03-01, dischargeDate: 2024-03-05, coPay: 3000,
                           exclusions: [DRUNKENNESS]}]
                expect:
                  benefits: {INPATIENT_SUBSIDY: 0}
                  rejections: [EXCLUSION_APPLIES, "S-D is excluded: DRUNKENNESS"]
              - name: another code does not match
                claim:
                  claimDate: 2024-03-01
                  stays: [{id: S-D, admissionDate: 2024-03-01, dischargeDate: 2024-03-05, coPay: 3000,
                           exclusions: [DRUNKENNESS]}]
                expect:
                  rejections: [EXCLUDED_CAUSE]
              - name: a misspelt kind fails
                claim:
                  claimDate: 2024-03-01
                  stays: [{admissionDate: 2024-03-01, dischargeDate: 2024-03-05, coPay: 4000}]
                expect:
                  benefits: {INPATIENT_SUBSIDY: 500, INPATIENT_SUBSIDDY: 0}
              - name: a what-if under 2024 terms for a 2023 claim
                ruleset: wujin@2024
                whatIf: true
                claim:
                  claimDate: 2023-12-20
                  stays: [{admissionDate: 2023-12-20, dischargeDate: 2023-12-27, coPay: 12000}]
                expect:
                  benefits: {INPATIENT_SUBSIDY: 1500}
              - name: the same pin without a what-if is refused
                ruleset: wujin@2024
                claim:
                  claimDate: 2023-12-20
                  stays: [{admissionDate: 2023-12-20, dischargeDate: 2023-12-27, coPay: 12000}]
                expect:
                  error: "is not in force on the claim date 2023-12-20"
            """;

    @Test
    void codesWhatIfAndDeclaredKinds() {
        CaseRunner runner = new CaseRunner(WUJIN);
        List<CaseResult> r = CaseFiles.read("t.yaml", FILE, null).stream().map(runner::run).toList();
        assertThat(r.get(0).failures()).isEmpty();
        assertThat(r.get(1).failures()).singleElement().asString()
                .startsWith("expected a rejection with code EXCLUDED_CAUSE, actual rejections: [EXCLUSION_APPLIES: ");
        assertThat(r.get(2).failures()).singleElement().asString()
                .startsWith("expect.benefits names INPATIENT_SUBSIDDY, which wujin@2024 does not declare");
        assertThat(r.get(3).failures()).isEmpty();
        assertThat(r.get(3).decision().whatIf()).isTrue();
        assertThat(r.get(4).failures()).isEmpty();
    }

    @Test
    void aCodeNameMatchesTheCodeAnyOtherTextTheMessage() {
        assertThat(CaseRunner.matches("BELOW_THRESHOLD", ReasonCode.BELOW_THRESHOLD, "x")).isTrue();
        // A code name never matches as text, so a message quoting it does not satisfy a code expectation.
        assertThat(CaseRunner.matches("BELOW_THRESHOLD", ReasonCode.AGE_LIMIT, "BELOW_THRESHOLD")).isFalse();
        // Exclusion names are not reason codes: they still match the message text, as before codes.
        assertThat(CaseRunner.matches("DRUNKENNESS", ReasonCode.EXCLUSION_APPLIES, "excluded: DRUNKENNESS")).isTrue();
        assertThat(CaseRunner.matches("aged 15", ReasonCode.AGE_LIMIT, "aged 16")).isFalse();
    }
}
