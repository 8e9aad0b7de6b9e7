package org.huzhu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad claim file of issue 7 §4–§5 (the model and JSON parts) ends {@code huzhu evaluate} with exit code 2
 * and an error naming the field, before any rule runs. Each case mutates the bundled example claim.
 */
class CliBadInputTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "claims", "wujin-2024-two-stays.json");
    private static String example;

    @TempDir
    Path dir;

    @BeforeAll
    static void readExample() throws IOException {
        example = Files.readString(EXAMPLE, StandardCharsets.UTF_8);
    }

    /** Replaces the one occurrence of {@code target}: a mutation that silently missed would test the example. */
    private static UnaryOperator<String> replace(String target, String replacement) {
        return text -> {
            int at = text.indexOf(target);
            assertThat(at).as("'%s' in the example", target).isNotNegative();
            assertThat(text.indexOf(target, at + 1)).as("'%s' once in the example", target).isNegative();
            return text.substring(0, at) + replacement + text.substring(at + target.length());
        };
    }

    private static final String S1_COPAY = "\"coPay\": 9000";
    private static final String S1 = "{\"id\": \"S-1\", \"admissionDate\": \"2024-03-04\", \"dischargeDate\": "
            + "\"2024-03-14\",\n       \"totalCost\": 42000, \"medicalInsurancePaid\": 30000, \"coPay\": 9000, "
            + "\"outOfPolicy\": 3000}";

    static Stream<Arguments> badClaims() {
        String stay = "{\"admissionDate\": \"2024-03-04\", \"dischargeDate\": \"2024-03-05\", \"coPay\": 1}";
        String payment = "{\"kind\": \"INPATIENT_SUBSIDY\", \"date\": \"2024-01-20\", \"amount\": 1}";
        return Stream.of(
                // §4 bound amounts
                Arguments.of("an absurd exponent", replace(S1_COPAY, "\"coPay\": 1e100000000"),
                        "claim.stays[0].coPay: must not exceed 100000000.00 yuan, was 1E+100000000"),
                Arguments.of("1e400", replace(S1_COPAY, "\"coPay\": 1e400"),
                        "claim.stays[0].coPay: must not exceed 100000000.00 yuan, was 1E+400"),
                Arguments.of("one fen above the ceiling", replace("\"amount\": 500", "\"amount\": 100000000.01"),
                        "history.payments[0].amount: must not exceed 100000000.00 yuan, was 100000000.01"),
                Arguments.of("a tenth of a fen", replace("\"totalCost\": 42000", "\"totalCost\": 42000.001"),
                        "claim.stays[0].totalCost: must have at most 2 decimal places (whole fen), was 42000.001"),
                Arguments.of("a tiny exponent", replace("\"coPay\": 2500", "\"coPay\": 1e-100000000"),
                        "history.earlierStays[0].coPay: must have at most 2 decimal places (whole fen), "
                                + "was 1E-100000000"),
                Arguments.of("a hugely negative amount", replace("\"outOfPolicy\": 3000", "\"outOfPolicy\": -1e100000000"),
                        "claim.stays[0].outOfPolicy: must not be negative, was -1E+100000000"),
                Arguments.of("a share with 7 decimals", replace("\"settledThroughMedicalInsurance\": false",
                        "\"settledThroughMedicalInsurance\": false, \"liabilityShare\": 0.1234567"),
                        "claim.stays[1].liabilityShare: must have at most 6 decimal places (a rate), was 0.1234567"),
                Arguments.of("an exponent beyond an int", replace(S1_COPAY, "\"coPay\": 1e9999999999"),
                        "claim.stays[0].coPay: is a number out of range (its exponent is too large); "
                                + "expected an amount in yuan such as 1234.56"),
                Arguments.of("a 1,201-digit number", replace(S1_COPAY, "\"coPay\": 1" + "0".repeat(1200)),
                        "claim.stays[0]: exceeds a safety limit of the reader: Number value length (1201) exceeds "
                                + "the maximum allowed (1000)"),
                // §4 cap stays
                Arguments.of("10,001 stays", replace(S1 + ",",
                        String.join(",", Collections.nCopies(9_999, stay)) + ","),
                        "claim.stays: has 10000 stays and history.earlierStays 1, 10001 in all; at most 10000 are "
                                + "allowed per claim"),
                Arguments.of("10,001 payments", replace("\"payments\": [", "\"payments\": ["
                        + String.join(",", Collections.nCopies(10_000, payment)) + ","),
                        "history.payments: has 10001 payments; at most 10000 are allowed"),
                // §5 a stay in both claim and history
                Arguments.of("the same id in claim and history", replace("\"id\": \"S-0\"", "\"id\": \"S-2\""),
                        "claim.stays[1]: is also in history.earlierStays[0] (the same id 'S-2'); a stay already "
                                + "claimed must not be claimed again"),
                Arguments.of("the same dates and amounts under a new id", replace("\"earlierStays\": [",
                        "\"earlierStays\": [" + S1.replace("S-1", "S-1-first-try") + ","),
                        "claim.stays[0]: is also in history.earlierStays[0] (the same dates 2024-03-04..2024-03-14 "
                                + "and amounts); a stay already claimed must not be claimed again"),
                // §5 malformed values in plain words
                Arguments.of("a duplicate key", replace(S1_COPAY, "\"coPay\": 9000, \"coPay\": 90000"),
                        "claim.stays[0].coPay: appears twice (a key may be given only once)"),
                Arguments.of("a duplicate top-level key", replace("\"ruleset\": \"wujin\",",
                        "\"ruleset\": \"wujin\", \"ruleset\": \"quzhou\","),
                        "ruleset: appears twice (a key may be given only once)"),
                Arguments.of("5.5 for a whole number", replace("\"diagnosis\"",
                        "\"workInjury\": {\"date\": \"2024-03-04\", \"disabilityGrade\": 5.5}, \"diagnosis\""),
                        "claim.workInjury.disabilityGrade: expected a whole number such as 3, got 5.5"),
                Arguments.of("a whole number too large", replace("\"diagnosis\"",
                        "\"workInjury\": {\"date\": \"2024-03-04\", \"disabilityGrade\": 99999999999}, \"diagnosis\""),
                        "claim.workInjury.disabilityGrade: expected a whole number such as 3, got a number too "
                                + "large for it"),
                Arguments.of("text for an amount", replace(S1_COPAY, "\"coPay\": \"abc\""),
                        "claim.stays[0].coPay: expected an amount in yuan such as 1234.56, got \"abc\""),
                Arguments.of("an object for an amount", replace("\"amount\": 500", "\"amount\": {\"yuan\": 500}"),
                        "history.payments[0].amount: expected an amount in yuan such as 1234.56, got an object"),
                Arguments.of("a date in another form", replace("\"2024-03-14\"", "\"14/03/2024\""),
                        "claim.stays[0].dischargeDate: expected a date yyyy-MM-dd such as 2024-03-01, got "
                                + "\"14/03/2024\""),
                Arguments.of("a date as a number", replace("\"claimDate\": \"2024-03-04\"", "\"claimDate\": 20240304"),
                        "claim.claimDate: expected a date yyyy-MM-dd such as 2024-03-01, got 20240304"),
                Arguments.of("an unknown enum value", replace("\"settledThroughMedicalInsurance\": false",
                        "\"settledThroughMedicalInsurance\": false, \"cause\": \"CAR_CRASH\""),
                        "claim.stays[1].cause: expected one of ILLNESS, TRAFFIC_ACCIDENT, WORK_INJURY, "
                                + "OTHER_ACCIDENT, got \"CAR_CRASH\""),
                Arguments.of("a number for an enum", replace("\"settledThroughMedicalInsurance\": false",
                        "\"setting\": 1, \"settledThroughMedicalInsurance\": false"),
                        "claim.stays[1].setting: expected one of INPATIENT, SPECIAL_OUTPATIENT, got 1"),
                Arguments.of("0 for a boolean", replace("\"settledThroughMedicalInsurance\": false",
                        "\"settledThroughMedicalInsurance\": 0"),
                        "claim.stays[1].settledThroughMedicalInsurance: expected true or false, got 0"),
                Arguments.of("text for an object", replace("\"diagnosis\": {\"illnessCode\": \"MALIGNANT_TUMOUR\", "
                        + "\"firstDiagnosisDate\": \"2024-03-05\"}", "\"diagnosis\": \"MALIGNANT_TUMOUR\""),
                        "claim.diagnosis: expected an object {...}, got \"MALIGNANT_TUMOUR\""),
                Arguments.of("an object for a list", replace("\"enrolments\": [{\"scheme\": \"wujin\", \"from\": "
                        + "\"2024-01-01\", \"to\": \"2024-12-31\"}]", "\"enrolments\": {\"scheme\": \"wujin\"}"),
                        "claim.member.enrolments: expected a list [...], got an object"),
                Arguments.of("a null stay", replace("\"settledThroughMedicalInsurance\": false}",
                        "\"settledThroughMedicalInsurance\": false}, null"),
                        "claim.stays[2]: is empty (null)"),
                Arguments.of("a misspelt field", replace(S1_COPAY, "\"copay\": 9000"),
                        "claim.stays[0].copay: unknown field (HospitalStay has id, setting, admissionDate, "),
                Arguments.of("an empty file", (UnaryOperator<String>) text -> "", ": is empty"),
                Arguments.of("null", (UnaryOperator<String>) text -> "null", ": is empty (null)"));
    }

    private record Run(int code, String out, String err) {
    }

    private Run evaluate(byte[] claim) throws IOException {
        Path file = dir.resolve("claim.json");
        Files.write(file, claim);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Huzhu(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(new String[] {"evaluate", "--claim", file.toString()});
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badClaims")
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // a hang guard: 1e100000000 spun for minutes before this change
    void aBadClaimFileExitsWith2NamingTheField(String name, UnaryOperator<String> mutation, String expected)
            throws IOException {
        Run run = evaluate(mutation.apply(example).getBytes(StandardCharsets.UTF_8));
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("huzhu: error: " + dir.resolve("claim.json")).contains(expected)
                .doesNotContain("Cannot deserialize", "Exception");
        assertThat(run.out()).isEmpty();
    }

    /** Bad input that only the loaded ruleset can tell: still exit 2, naming the field or the version. */
    static Stream<Arguments> claimsTheRulesetRefuses() {
        return Stream.of(
                Arguments.of("a payment kind the scheme does not know",
                        replace("\"kind\": \"INPATIENT_SUBSIDY\"", "\"kind\": \"INPATIENT_SUBSIDDY\""),
                        "history.payments[0].kind: 'INPATIENT_SUBSIDDY' is not a benefit kind wujin@2024 knows"),
                Arguments.of("a pinned version not in force on the claim date",
                        (UnaryOperator<String>) text -> replace("\"claimDate\": \"2024-03-04\"",
                                "\"claimDate\": \"2023-12-20\"").apply(replace("\"ruleset\": \"wujin\"",
                                "\"ruleset\": \"wujin@2024\"").apply(text)),
                        "2023-12-20"),
                Arguments.of("a claim date outside every version",
                        replace("\"claimDate\": \"2024-03-04\"", "\"claimDate\": \"2025-01-05\""),
                        "claim date 2025-01-05 is outside every version of 'wujin'"),
                Arguments.of("an unknown scheme", replace("\"ruleset\": \"wujin\"", "\"ruleset\": \"wujn\""),
                        "unknown scheme 'wujn'"),
                Arguments.of("discharge before admission", replace("\"dischargeDate\": \"2024-03-14\"",
                        "\"dischargeDate\": \"2024-03-01\""), "dischargeDate: 2024-03-01 is before admissionDate"),
                Arguments.of("a negative amount", replace(S1_COPAY, "\"coPay\": -9000"),
                        "claim.stays[0].coPay"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("claimsTheRulesetRefuses")
    void aClaimTheRulesetRefusesExitsWith2(String name, UnaryOperator<String> mutation, String expected)
            throws IOException {
        Path file = dir.resolve("claim.json");
        Files.writeString(file, mutation.apply(example), StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Huzhu(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(new String[] {"evaluate", "--claim",
                        file.toString(), "--rulesets", Path.of("..", "rulesets", "wujin").toString()});
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("huzhu: error: ").contains(expected);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aGbkFileIsNotUtf8Text() throws IOException {
        String chinese = example.replace("WJ-2024-0001", "武进-2024-0001");
        // The id's value starts at byte 48 on line 4 (lines 1-3 are 2 + 22 + 13 bytes; line 4 has 11 bytes before
        // it); in GBK 武 is CE E4, and E4 cannot follow CE in UTF-8.
        Run run = evaluate(chinese.getBytes(Charset.forName("GBK")));
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("huzhu: error: " + dir.resolve("claim.json") + ": not UTF-8 text: the byte "
                + "at offset 48 (line 4) is 0xCE, which cannot occur there in UTF-8; save the file as UTF-8 (not GBK "
                + "or another encoding)" + System.lineSeparator());
    }

    @Test
    void theUnchangedExampleAndOneWithABomAreEvaluated() throws IOException {
        // The baseline the mutations start from: valid, so each failure above is the mutation's. Its ruleset
        // comes from the working tree, as the rulesets module is not on this module's classpath.
        byte[] text = example.replace("WJ-2024-0001", "武进-2024-0001").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        Path file = dir.resolve("claim.json");
        Files.write(file, withBom);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Huzhu(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(new String[] {"evaluate", "--claim",
                        file.toString(), "--rulesets", Path.of("..", "rulesets", "wujin").toString(), "--format",
                        "json"});
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"claimId\" : \"武进-2024-0001\"")
                .contains("INPATIENT_SUBSIDY");
    }
}
