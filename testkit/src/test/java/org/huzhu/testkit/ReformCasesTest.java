package org.huzhu.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.SubsidyEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A case file may carry a reform ({@code reform: ../file.yaml}): its cases default to the reform's base and run on
 * an engine holding the reform. Shaoxing 2015 pays 80% of the self-pay; the test reform pays 70%.
 */
class ReformCasesTest {
    static final Path SHAOXING = Path.of("..", "rulesets", "shaoxing");

    @TempDir
    Path dir;

    static final String CASES = """
            reform: ../REFORM
            member: {id: M1, enrolments: [{scheme: shaoxing, from: 2024-01-01, to: 2024-12-31}]}
            cases:
              - name: "1,000 × 70% = 700"
                claim:
                  claimDate: 2024-03-01
                  stays: [{admissionDate: 2024-03-01, dischargeDate: 2024-03-02, coPay: 1000}]
                expect:
                  benefits: {SECOND_REIMBURSEMENT: 700, INPATIENT_ALLOWANCE: 25}
                  version: "2015"
            """;

    List<TestCase> cases(String reform) throws IOException {
        Files.writeString(dir.resolve("seventy.yaml"), """
                name: seventy
                base: shaoxing@2015
                description: 70% instead of 80%
                parameters:
                  secondReimbursementRate: {type: rate, value: 0.7, provenance: {label: assumed, why: a proposal}}
                """);
        Files.createDirectories(dir.resolve("cases"));
        Path file = Files.writeString(dir.resolve("cases/c.yaml"), CASES.replace("REFORM", reform));
        return CaseFiles.read(file, null);
    }

    static CaseRunner runner() {
        SubsidyEngine plain = SubsidyEngine.builder().classpathRulesets(false).addRulesetFolder(SHAOXING).build();
        return new CaseRunner(plain, () -> SubsidyEngine.builder().classpathRulesets(false)
                .addRulesetFolder(SHAOXING));
    }

    @Test
    void aReformCaseRunsUnderItsReformAndItsBaseVersion() throws IOException {
        List<TestCase> cases = cases("seventy.yaml");
        assertThat(cases).singleElement().satisfies(c -> {
            assertThat(c.reform()).isEqualTo(dir.resolve("seventy.yaml"));
            assertThat(c.request().ruleset()).isEqualTo("shaoxing@2015");
        });
        CaseResult r = runner().run(cases.get(0));
        assertThat(r.failures()).isEmpty();
        assertThat(r.decision().reform()).isEqualTo("seventy");
        // The same case without its reform is 80%: the expectation of 700 fails against the base's 800.
        TestCase plain = new TestCase(cases.get(0).file(), "plain", cases.get(0).request(), null,
                cases.get(0).expectation());
        assertThat(runner().run(plain).failures()).containsExactly("SECOND_REIMBURSEMENT: expected 700, actual 800");
    }

    @Test
    void aMissingReformMakesTheWholeFileUnreadableNamingTheLine() throws IOException {
        assertThatThrownBy(() -> cases("absent.yaml")).isInstanceOf(InvalidInputException.class)
                .hasMessage(dir.resolve("cases/c.yaml") + ":1 reform: cannot be used: " + dir.resolve("absent.yaml")
                        + ": does not exist");
    }

    @Test
    void aReformThatCannotLoadFailsEachOfItsCases() throws IOException {
        Files.writeString(dir.resolve("typo.yaml"), """
                name: typo
                base: shaoxing@2015
                description: a misspelt override
                parameters:
                  secondReimbursmentRate: {type: rate, value: 0.7, provenance: {label: assumed, why: a proposal}}
                """);
        CaseResult r = runner().run(cases("typo.yaml").get(0));
        assertThat(r.failures()).singleElement().asString().startsWith("reform refused: " + dir.resolve("typo.yaml")
                + ":5: parameters.secondReimbursmentRate: overrides parameter 'secondReimbursmentRate'");
    }
}
