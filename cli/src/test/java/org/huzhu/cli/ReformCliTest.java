package org.huzhu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.huzhu.api.Decision;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.Language;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.api.json.HuzhuJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reforms in the tool: {@code huzhu test} runs case files that carry a reform, and a decision under a reform is
 * stamped in its JSON (valid against schemas/decision.schema.json) and its text.
 */
class ReformCliTest {
    static final String RULESETS = CliUsageTest.RULESETS;
    static final Path REFORMS = Path.of("..", "examples", "reforms");

    @TempDir
    Path dir;

    @Test
    void huzhuTestRunsTheExampleReformsCases() {
        CliUsageTest.Run run = CliUsageTest.huzhu("test", REFORMS.toString(), "--rulesets", RULESETS);
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).endsWith("11 passed, 0 failed\n").doesNotContain("FAIL");
        assertThat(run.err()).contains("shaoxing-70-40000.yaml: 11 cases");
    }

    /** A wrong expectation fails; a reform that cannot load fails each of its cases, naming the reform's line. */
    @Test
    void aReformCaseThatDoesNotHoldOrAReformThatIsRefusedFails() throws IOException {
        Files.createDirectories(dir.resolve("cases"));
        Files.copy(REFORMS.resolve("shaoxing-70-40000.yaml"), dir.resolve("r.yaml"));
        Files.writeString(dir.resolve("typo.yaml"), """
                name: typo
                base: shaoxing@2015
                description: a misspelt override
                parameters:
                  secondReimbursmentRate: {type: rate, value: 0.7, provenance: {label: assumed, why: a proposal}}
                """);
        String cases = """
                reform: ../REFORM
                member: {id: M1, enrolments: [{scheme: shaoxing, from: 2024-01-01, to: 2024-12-31}]}
                cases:
                  - name: "1,000 × 70% = 700, expected as the base's 800"
                    claim:
                      claimDate: 2024-03-01
                      stays: [{admissionDate: 2024-03-01, dischargeDate: 2024-03-02, coPay: 1000}]
                    expect:
                      benefits: {SECOND_REIMBURSEMENT: 800, INPATIENT_ALLOWANCE: 25}
                """;
        Files.writeString(dir.resolve("cases/wrong.yaml"), cases.replace("REFORM", "r.yaml"));
        Files.writeString(dir.resolve("cases/refused.yaml"), cases.replace("REFORM", "typo.yaml"));
        CliUsageTest.Run run = CliUsageTest.huzhu("test", dir.toString(), "--rulesets", RULESETS);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("SECOND_REIMBURSEMENT: expected 800, actual 700")
                .contains("reform refused: " + dir.resolve("typo.yaml") + ":5: parameters.secondReimbursmentRate: "
                        + "overrides parameter 'secondReimbursmentRate', which shaoxing@2015 does not have")
                .endsWith("0 passed, 2 failed\n");
    }

    /**
     * The example claim (self-pay 1,887.99 + 400 = 2,287.99, 10 days) under the reform: 1,601 + 250. Its JSON names
     * the reform after the version, and its parameters are typed from the reform's figures (0.7, 40000).
     */
    @Test
    void aDecisionUnderAReformIsStampedInItsJsonAndText() throws IOException {
        SubsidyEngine engine = SubsidyEngine.builder().addRulesetFolder(Path.of(RULESETS))
                .reform(REFORMS.resolve("shaoxing-70-40000.yaml")).build();
        EvaluationRequest request = HuzhuJson.read(Files.readAllBytes(DecisionJsonTest.CLAIMS
                .resolve("shaoxing-2015-stay-and-allowance.json")), EvaluationRequest.class, "claim");
        Decision d = engine.evaluate(request);
        assertThat(d.total()).isEqualByComparingTo("1851");
        String json = DecisionJson.write(d, engine.texts(d), Language.EN, engine.ruleset(d));
        assertThat(json).contains("\"version\" : \"2015\",\n  \"reform\" : \"shaoxing-70-40000\",\n  \"rulesetHash\" : \""
                + engine.ruleset(d).contentHash() + "\"");
        assertThat(json).contains("\"name\" : \"secondReimbursementRate\"").contains("\"value\" : 0.7,")
                .contains("\"value\" : 40000");
        Schema schema = SchemaTest.schema("decision.schema.json");
        assertThat(SchemaTest.errors(schema, json)).isEmpty();
        assertThat(SchemaTest.errors(schema, json.replace("\"reform\" : \"shaoxing-70-40000\"", "\"reform\" : 7")))
                .isNotEmpty();

        assertThat(DecisionText.format(d, engine.texts(d), Language.EN)).contains("Ruleset shaoxing@2015 reform "
                + "shaoxing-70-40000 sha256:" + d.rulesetHash().substring(0, 16));
        assertThat(DecisionText.format(d, engine.texts(d), Language.ZH)).contains("规则集 shaoxing@2015 改革方案 "
                + "shaoxing-70-40000 sha256:");
    }

    /**
     * {@code evaluate --reform} and {@code batch --reform} decide under the reform: the example claim (self-pay
     * 2,287.99, 10 days) gets 2,287.99 × 70% = 1,601.59 → 1,601 + 250 = 1,851, where the base pays 1,830 + 250 =
     * 2,080; a reform that cannot load is exit 3 naming it.
     */
    @Test
    void evaluateAndBatchTakeAReform() throws IOException {
        String claim = DecisionJsonTest.CLAIMS.resolve("shaoxing-2015-stay-and-allowance.json").toString();
        String reform = REFORMS.resolve("shaoxing-70-40000.yaml").toString();
        CliUsageTest.Run base = CliUsageTest.huzhu("evaluate", "--claim", claim, "--format", "json", "--rulesets",
                RULESETS);
        CliUsageTest.Run reformed = CliUsageTest.huzhu("evaluate", "--claim", claim, "--format", "json", "--reform",
                reform, "--rulesets", RULESETS);
        assertThat(base.exit()).as(base.err()).isZero();
        assertThat(reformed.exit()).as(reformed.err()).isZero();
        assertThat(base.out()).contains("\"total\" : 2080.00,").doesNotContain("\"reform\"");
        assertThat(reformed.out()).contains("\"total\" : 1851.00,")
                .contains("\"reform\" : \"shaoxing-70-40000\"");

        Path population = dir.resolve("claims.jsonl");
        Files.writeString(population, Files.readString(Path.of(claim)).replaceAll("\\s*\\n\\s*", " ") + "\n");
        Path out = dir.resolve("decisions.jsonl");
        CliUsageTest.Run batch = CliUsageTest.huzhu("batch", "--in", population.toString(), "--out", out.toString(),
                "--reform", reform, "--quiet", "--rulesets", RULESETS);
        assertThat(batch.exit()).as(batch.err()).isZero();
        assertThat(Files.readString(out)).contains("\"total\":1851.00,")
                .contains("\"reform\":\"shaoxing-70-40000\"");

        Files.writeString(dir.resolve("typo.yaml"), """
                name: typo
                base: shaoxing@2015
                description: a misspelt override
                parameters:
                  secondReimbursmentRate: {type: rate, value: 0.7, provenance: {label: assumed, why: a proposal}}
                """);
        CliUsageTest.Run refused = CliUsageTest.huzhu("evaluate", "--claim", claim, "--reform",
                dir.resolve("typo.yaml").toString(), "--rulesets", RULESETS);
        assertThat(refused.exit()).isEqualTo(3);
        assertThat(refused.err()).contains("typo.yaml:5").contains("secondReimbursmentRate");
    }
}
