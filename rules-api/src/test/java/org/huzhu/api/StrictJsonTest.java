package org.huzhu.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.huzhu.api.json.HuzhuJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Malformed values are errors in plain words naming the field path and what was expected (issue 7, §5). Jackson's
 * own wording ("Cannot deserialize value of type ...") must never reach a clerk.
 */
class StrictJsonTest {
    private static final String STAY = "\"admissionDate\": \"2024-03-01\", \"dischargeDate\": \"2024-03-11\", ";

    private static String stay(String fields) {
        return JsonBindingTest.request("{" + STAY + fields + "}");
    }

    private static InvalidInputException error(String json) {
        try {
            HuzhuJson.read(json, EvaluationRequest.class, "claim.json");
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).doesNotContain("Cannot deserialize", "java.", "`");
            return e;
        }
        throw new AssertionError("accepted: " + json);
    }

    /** The message without "claim.json:line:column ", which the other tests check. */
    private static String message(String json) {
        return error(json).getMessage().replaceFirst("^claim\\.json(:\\d+:\\d+)? ", "");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            // amounts: strings, objects, lists, booleans
            "\"coPay\": \"abc\"        | claim.stays[0].coPay: expected an amount in yuan such as 1234.56, got \"abc\"",
            "\"coPay\": \"1,234.56\"   | claim.stays[0].coPay: expected an amount in yuan such as 1234.56, got \"1,234.56\"",
            "\"coPay\": {}             | claim.stays[0].coPay: expected an amount in yuan such as 1234.56, got an object",
            "\"coPay\": [5]            | claim.stays[0].coPay: expected an amount in yuan such as 1234.56, got a list",
            "\"coPay\": true           | claim.stays[0].coPay: expected an amount in yuan such as 1234.56, got true",
            // a share is worded as a share
            "\"coPay\": 5, \"liabilityShare\": \"half\" | claim.stays[0].liabilityShare: expected a share between 0 and 1 such as 0.3, got \"half\"",
            // booleans: 1 is not true, "yes" is not true
            "\"coPay\": 5, \"settledThroughMedicalInsurance\": 1     | claim.stays[0].settledThroughMedicalInsurance: expected true or false, got 1",
            "\"coPay\": 5, \"settledThroughMedicalInsurance\": \"yes\" | claim.stays[0].settledThroughMedicalInsurance: expected true or false, got \"yes\"",
            // enums list their values; 1 is not the second value
            "\"coPay\": 5, \"cause\": \"CAR\" | claim.stays[0].cause: expected one of ILLNESS, TRAFFIC_ACCIDENT, WORK_INJURY, OTHER_ACCIDENT, got \"CAR\"",
            "\"coPay\": 5, \"cause\": 1       | claim.stays[0].cause: expected one of ILLNESS, TRAFFIC_ACCIDENT, WORK_INJURY, OTHER_ACCIDENT, got 1",
            "\"coPay\": 5, \"setting\": {}    | claim.stays[0].setting: expected one of INPATIENT, SPECIAL_OUTPATIENT, got an object",
            // lists and text in the wrong place
            "\"coPay\": 5, \"exclusions\": \"FRAUD\" | claim.stays[0].exclusions: expected a list [...], got \"FRAUD\"",
            "\"coPay\": 5, \"exclusions\": [null]   | claim.stays[0].exclusions: has an empty (null) entry",
            "\"coPay\": 5, \"id\": {\"no\": 1}       | claim.stays[0].id: expected text, got an object",
            // a key twice: the second would silently win
            "\"coPay\": 5, \"coPay\": 500       | claim.stays[0].coPay: appears twice (a key may be given only once)",
            "\"coPay\": 5, \"admissionDate\": \"2024-03-02\" | claim.stays[0].admissionDate: appears twice (a key may be given only once)"})
    void malformedStayValuesAreNamedInPlainWords(String fields, String expected) {
        assertThat(message(stay(fields))).isEqualTo(expected);
    }

    @Test
    void datesSayWhichFormIsExpected() {
        assertThat(message(stay("\"coPay\": 5").replace("\"2024-03-11\"", "20240311")))
                .isEqualTo("claim.stays[0].dischargeDate: expected a date yyyy-MM-dd such as 2024-03-01, got 20240311");
        assertThat(message(stay("\"coPay\": 5").replace("\"2024-03-11\"", "\"11/03/2024\"")))
                .isEqualTo("claim.stays[0].dischargeDate: expected a date yyyy-MM-dd such as 2024-03-01, "
                        + "got \"11/03/2024\"");
        assertThat(message(stay("\"coPay\": 5").replace("\"2024-03-11\"", "[]")))
                .isEqualTo("claim.stays[0].dischargeDate: expected a date yyyy-MM-dd such as 2024-03-01, got a list");
    }

    @Test
    void aFractionIsNotAWholeNumber() {
        String json = stay("\"coPay\": 5").replace("\"C1\",",
                "\"C1\", \"workInjury\": {\"date\": \"2024-03-01\", \"disabilityGrade\": 5.5},");
        assertThat(message(json)).isEqualTo(
                "claim.workInjury.disabilityGrade: expected a whole number such as 3, got 5.5");
        assertThat(message(json.replace("5.5", "5.0"))).isEqualTo(
                "claim.workInjury.disabilityGrade: expected a whole number such as 3, got 5.0");
        assertThat(message(json.replace("5.5", "99999999999"))).isEqualTo(
                "claim.workInjury.disabilityGrade: expected a whole number such as 3, got a number too large for it");
    }

    @Test
    void anObjectExpectedWhereTextIsGiven() {
        String json = stay("\"coPay\": 5").replace("\"member\": {\"id\": \"M1\"}", "\"member\": \"M1\"");
        assertThat(message(json)).isEqualTo("claim.member: expected an object {...}, got \"M1\"");
    }

    @Test
    void aMisspeltRequiredFieldIsReportedAsUnknownNotAsMissing() {
        // Jackson builds the record before it looks at unknown fields: without the check, this said "coPay: is
        // required", sending the clerk to look for a field that is there.
        assertThat(message(stay("\"copay\": 5"))).isEqualTo("claim.stays[0].copay: unknown field (HospitalStay has "
                + "id, setting, admissionDate, dischargeDate, totalCost, medicalInsurancePaid, coPay, outOfPolicy, "
                + "deductiblePart, proportionalCoPay, settledThroughMedicalInsurance, cause, liabilityShare, "
                + "exclusions)");
        assertThat(message(stay("\"coPay\": 5").replace("\"id\": \"M1\"", "\"memberId\": \"M1\"")))
                .isEqualTo("claim.member.memberId: unknown field (Member has id, birthDate, unionMember, "
                        + "hardshipRegistered, medicalInsurance, householdId, enrolments)");
    }

    @Test
    void aStayThatIsNullIsNamed() {
        String json = JsonBindingTest.request("{" + STAY + "\"coPay\": 5}, null");
        assertThat(message(json)).isEqualTo("claim.stays[1]: is empty (null)");
    }

    @Test
    void aDuplicateKeyAtTheTopIsNamed() {
        // The parser reports the column after the second key: "ruleset" spans columns 22..30.
        String json = "{\"ruleset\": \"wujin\", \"ruleset\": \"quzhou\"}";
        assertThat(error(json)).hasMessage("claim.json:1:31 ruleset: appears twice (a key may be given only once)");
    }

    @Test
    void theWholeFileInTheWrongShape() {
        assertThat(error("[1]")).hasMessage("claim.json:1:1: expected an object {...}, got a list");
        assertThat(error("")).hasMessage("claim.json:1:0: is empty");
        assertThat(error("null")).hasMessage("claim.json: is empty (null)");
        assertThat(error("{\"ruleset\": }")).hasMessage(
                "claim.json:1:13 ruleset: is not well-formed: Unexpected character ('}' (code 125)): expected a value");
    }

    @Test
    void aLongStringIsShortenedInTheMessage() {
        String longText = "x".repeat(500);
        assertThat(message(stay("\"coPay\": \"" + longText + "\"")))
                .isEqualTo("claim.stays[0].coPay: expected an amount in yuan such as 1234.56, got \""
                        + "x".repeat(60) + "…\"");
    }

    @Test
    void amountsAsStringsAndWithTrailingZerosStillRead() {
        EvaluationRequest r = HuzhuJson.read(stay("\"coPay\": \"1234.50\", \"outOfPolicy\": 12.500"),
                EvaluationRequest.class, "claim.json");
        assertThat(r.claim().stays().get(0).selfPay()).isEqualByComparingTo("1247.00"); // 1234.50 + 12.50
    }
}
