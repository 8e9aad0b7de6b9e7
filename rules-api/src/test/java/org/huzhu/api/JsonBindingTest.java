package org.huzhu.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.huzhu.api.json.HuzhuJson;
import org.junit.jupiter.api.Test;

/** Bad input gets an error naming the field, file and line. */
class JsonBindingTest {
    static String request(String stay) {
        return """
                {"ruleset": "wujin",
                 "claim": {"id": "C1", "claimDate": "2024-03-01",
                           "member": {"id": "M1"},
                           "stays": [%s]}}
                """.formatted(stay);
    }

    @Test
    void readsAClaim() {
        EvaluationRequest r = HuzhuJson.read(request(
                "{\"admissionDate\": \"2024-03-01\", \"dischargeDate\": \"2024-03-11\", \"coPay\": 2287.99}"),
                EvaluationRequest.class, "claim.json");
        HospitalStay s = r.claim().stays().get(0);
        assertThat(s.selfPay()).isEqualByComparingTo("2287.99");
        assertThat(s.days()).isEqualTo(10);
        assertThat(s.settledThroughMedicalInsurance()).isTrue();
        assertThat(r.history()).isEqualTo(BenefitHistory.EMPTY);
    }

    @Test
    void negativeAmountNamesTheField() {
        assertThatThrownBy(() -> HuzhuJson.read(request(
                "{\"admissionDate\": \"2024-03-01\", \"dischargeDate\": \"2024-03-11\", \"coPay\": -5}"),
                EvaluationRequest.class, "claim.json"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("claim.json")
                .hasMessageContaining("claim.stays[0].coPay")
                .hasMessageContaining("must not be negative, was -5");
    }

    @Test
    void dischargeBeforeAdmissionNamesTheField() {
        assertThatThrownBy(() -> HuzhuJson.read(request(
                "{\"admissionDate\": \"2024-03-11\", \"dischargeDate\": \"2024-03-01\", \"coPay\": 5}"),
                EvaluationRequest.class, "claim.json"))
                .hasMessageContaining("claim.stays[0].dischargeDate")
                .hasMessageContaining("2024-03-01 is before admissionDate 2024-03-11");
    }

    @Test
    void missingAmountNamesTheField() {
        assertThatThrownBy(() -> HuzhuJson.read(request(
                "{\"admissionDate\": \"2024-03-01\", \"dischargeDate\": \"2024-03-11\"}"),
                EvaluationRequest.class, "claim.json"))
                .hasMessageContaining("claim.stays[0].coPay")
                .hasMessageContaining("is required");
    }

    @Test
    void misspeltFieldIsAnErrorNotASilentZero() {
        assertThatThrownBy(() -> HuzhuJson.read(request(
                "{\"admissionDate\": \"2024-03-01\", \"dischargeDate\": \"2024-03-11\", \"coPay\": 5, \"copay\": 9}"),
                EvaluationRequest.class, "claim.json"))
                .hasMessageContaining("claim.stays[0].copay: unknown field (HospitalStay has id, setting, ");
    }

    @Test
    void malformedJsonNamesTheLine() {
        assertThatThrownBy(() -> HuzhuJson.read("{\"ruleset\": \"wujin\",\n \"claim\": {\"id\": }}",
                EvaluationRequest.class, "claim.json"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("claim.json:2:");
    }

    @Test
    void badDateNamesTheField() {
        assertThatThrownBy(() -> HuzhuJson.read(request(
                "{\"admissionDate\": \"2024-13-01\", \"dischargeDate\": \"2024-03-11\", \"coPay\": 5}"),
                EvaluationRequest.class, "claim.json"))
                .hasMessageContaining("claim.stays[0].admissionDate: expected a date yyyy-MM-dd such as 2024-03-01, "
                        + "got \"2024-13-01\"");
    }

    @Test
    void decisionRoundTrips() {
        Decision d = new Decision("C1", "wujin", "2024", "wujin-bands-2025", "ab", true, new CoveragePeriod(
                java.time.LocalDate.of(2024, 1, 1), java.time.LocalDate.of(2024, 12, 31)),
                java.util.List.of(new Benefit("INPATIENT_SUBSIDY", new java.math.BigDecimal("500.00"), null, "r",
                        "五.1", java.util.List.of(Message.of("engine.band", new Value.Money(new java.math.BigDecimal("12000")),
                        new Value.Band(java.math.BigDecimal.TEN, null, true), new Value.Code("parameter", "bands"),
                        new Value.Nested(Message.of("k", new Value.StayRef(null, 2, true))))),
                        java.util.Map.of("p", new ParameterUse("p", "1", new org.huzhu.api.ruleset.Provenance("seed",
                                "seeds/004 五.1", "补助500元", null, null, "1"), false)))),
                java.util.List.of(new Rejection(ReasonCode.EXCLUSION_APPLIES, "INPATIENT_SUBSIDY", "S2",
                        Message.of("stayExcluded", new Value.Text("S2"), new Value.Text("DRUNKENNESS")), "r2", "六.1",
                        java.util.Map.of("codes", new ParameterUse("codes", "DRUNKENNESS", new org.huzhu.api.ruleset
                                .Provenance("assumed", "ours", null, null, "a test", null), true)))),
                java.util.List.of(new ReviewFlag(ReasonCode.APPROVAL_REQUIRED, "INPATIENT_SUBSIDY", null,
                        Message.of("approve"), "r3")),
                java.util.List.of(new Warning(ReasonCode.OUTSIDE_COVERAGE_PERIOD, null, "S3", Message.of("counts0",
                        new Value.Period(java.time.LocalDate.of(2024, 1, 1), java.time.LocalDate.of(2024, 12, 31))),
                        "r4")),
                null);
        String json = HuzhuJson.write(d);
        assertThat(json).contains("\"amount\" : 500.00").contains("\"from\" : \"2024-01-01\"")
                .contains("\"whatIf\" : true").contains("\"code\" : \"EXCLUSION_APPLIES\"")
                .contains("\"stay\" : \"S2\"").contains("\"type\" : \"money\"").contains("\"type\" : \"band\"")
                .contains("\"differsFromSource\" : true").contains("\"label\" : \"seed\"");
        assertThat(HuzhuJson.read(json, Decision.class, "d.json")).isEqualTo(d);
    }

    @Test
    void whatIfIsARequestFieldThatDefaultsToFalse() {
        String stay = "{\"admissionDate\": \"2024-03-01\", \"dischargeDate\": \"2024-03-11\", \"coPay\": 5}";
        assertThat(HuzhuJson.read(request(stay), EvaluationRequest.class, "claim.json").whatIf()).isFalse();
        String asked = request(stay).replaceFirst("\\{", "{\"whatIf\": true, ");
        assertThat(HuzhuJson.read(asked, EvaluationRequest.class, "claim.json").whatIf()).isTrue();
    }

    @Test
    void aDecisionRecordNeedsACode() {
        assertThatThrownBy(() -> new Rejection(null, "K", null, Message.of("why"), null, null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("code");
        assertThatThrownBy(() -> new Warning(null, null, null, Message.of("why"), null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("code");
    }

    @Test
    void reasonCodesAreLookedUpByExactName() {
        assertThat(ReasonCode.of("EXCLUDED_CAUSE")).isEqualTo(ReasonCode.EXCLUDED_CAUSE);
        assertThatThrownBy(() -> ReasonCode.of("EXCLUDED_CASUE"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown reason code 'EXCLUDED_CASUE'")
                .hasMessageContaining("NOT_ENROLLED");
        assertThat(ReasonCode.isCode("excluded_cause")).isFalse();
    }
}
