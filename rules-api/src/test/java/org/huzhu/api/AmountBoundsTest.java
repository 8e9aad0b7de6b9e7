package org.huzhu.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.huzhu.api.json.HuzhuJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Amounts and shares are bounded when the records are built, before any rule or any arithmetic sees them
 * (issue 7, §4 "bound amounts").
 */
class AmountBoundsTest {
    private static final LocalDate D = LocalDate.of(2024, 3, 1);

    static String request(String stayFields) {
        return JsonBindingTest.request(
                "{\"admissionDate\": \"2024-03-01\", \"dischargeDate\": \"2024-03-11\", " + stayFields + "}");
    }

    static HospitalStay stayWithCoPay(String coPay) {
        return new HospitalStay(null, null, D, D.plusDays(1), null, null, new BigDecimal(coPay), null, null, null,
                null, null, null, null);
    }

    @ParameterizedTest(name = "{0} is accepted")
    @CsvSource({"0", "0.01", "1234.56", "12.500", "1E+2", "100000000.00", "100000000", "0E-50"})
    void amountsWithinTheBoundsAreAccepted(String amount) {
        BigDecimal value = new BigDecimal(amount);
        assertThat(Limits.amount(value, "coPay")).isSameAs(value); // checked, never rescaled
        assertThat(stayWithCoPay(amount).coPay()).isEqualByComparingTo(amount);
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', value = {
            "100000000.01 | must not exceed 100000000.00 yuan, was 100000000.01",
            "1e400        | must not exceed 100000000.00 yuan, was 1E+400",
            "1e100000000  | must not exceed 100000000.00 yuan, was 1E+100000000",
            "12.345       | must have at most 2 decimal places (whole fen), was 12.345",
            "12.3450      | must have at most 2 decimal places (whole fen), was 12.3450",
            "1e-100000000 | must have at most 2 decimal places (whole fen), was 1E-100000000",
            "-5           | must not be negative, was -5",
            "-1e100000000 | must not be negative, was -1E+100000000",
            "123456789012345678901234567890123456789012 | has too many digits, was a number of about 41 digits"})
    void amountsOutsideTheBoundsNameTheField(String amount, String message) {
        assertThatThrownBy(() -> stayWithCoPay(amount))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("coPay: " + message);
    }

    @ParameterizedTest(name = "share {0} is refused: {1}")
    @CsvSource(delimiter = '|', value = {
            "0.1234567    | must have at most 6 decimal places (a rate), was 0.1234567",
            "1.000001     | must be a share between 0 and 1, was 1.000001",
            "1e400        | must be a share between 0 and 1, was 1E+400",
            "1e-100000000 | must have at most 6 decimal places (a rate), was 1E-100000000",
            "-0.5         | must be a share between 0 and 1, was -0.5"})
    void sharesOutsideTheBoundsNameTheField(String share, String message) {
        assertThatThrownBy(() -> new HospitalStay(null, null, D, D.plusDays(1), new BigDecimal("100"), null,
                BigDecimal.TEN, null, null, null, false, Cause.TRAFFIC_ACCIDENT, new BigDecimal(share), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("liabilityShare: " + message);
    }

    @Test
    void aShareWithSixDecimalsIsAccepted() {
        HospitalStay s = new HospitalStay(null, null, D, D.plusDays(1), new BigDecimal("100"), null, BigDecimal.TEN,
                null, null, null, false, Cause.TRAFFIC_ACCIDENT, new BigDecimal("0.333333"), null);
        assertThat(s.liabilityShare()).isEqualByComparingTo("0.333333");
    }

    @Test
    void everyInputAmountOfTheModelIsBounded() {
        assertThatThrownBy(() -> new HospitalStay(null, null, D, D, new BigDecimal("1e400"), null, BigDecimal.ONE,
                null, null, null, null, null, null, null)).hasMessageStartingWith("totalCost: must not exceed");
        assertThatThrownBy(() -> new HospitalStay(null, null, D, D, null, new BigDecimal("0.001"), BigDecimal.ONE,
                null, null, null, null, null, null, null)).hasMessageStartingWith("medicalInsurancePaid: must have");
        assertThatThrownBy(() -> new HospitalStay(null, null, D, D, null, null, BigDecimal.ONE,
                new BigDecimal("1e9"), null, null, null, null, null, null))
                .hasMessageStartingWith("outOfPolicy: must not exceed");
        assertThatThrownBy(() -> new HospitalStay(null, null, D, D, null, null, BigDecimal.ONE, null,
                new BigDecimal("0.005"), null, null, null, null, null)).hasMessageStartingWith("deductiblePart: must");
        assertThatThrownBy(() -> new HospitalStay(null, null, D, D, null, null, BigDecimal.ONE, null, null,
                new BigDecimal("1e100000000"), null, null, null, null))
                .hasMessageStartingWith("proportionalCoPay: must not exceed");
        assertThatThrownBy(() -> new PriorPayment("INPATIENT_SUBSIDY", D, new BigDecimal("1e400"), null))
                .hasMessage("amount: must not exceed 100000000.00 yuan, was 1E+400");
        assertThatThrownBy(() -> new FireLoss(D, new BigDecimal("99.999")))
                .hasMessage("certifiedLoss: must have at most 2 decimal places (whole fen), was 99.999");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang guard, not a speed test: today this spins for minutes
    void aHugeExponentInAClaimFileIsRefusedByNameAndCompletes() {
        assertThatThrownBy(() -> HuzhuJson.read(request("\"coPay\": 1e100000000"), EvaluationRequest.class,
                "claim.json"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("claim.json:4:")
                .hasMessageEndingWith("claim.stays[0].coPay: must not exceed 100000000.00 yuan, was 1E+100000000");
        // The same text as a string, and in a field whose sum with coPay the record computes.
        assertThatThrownBy(() -> HuzhuJson.read(request("\"coPay\": 5, \"deductiblePart\": \"1e100000000\""),
                EvaluationRequest.class, "claim.json"))
                .hasMessageEndingWith("claim.stays[0].deductiblePart: must not exceed 100000000.00 yuan, "
                        + "was 1E+100000000");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang guard only
    void theReaderItselfDoesNotSpinOnHugeExponents() throws Exception {
        // Jackson's maxNumberLength counts characters: "1e100000000" is 11, so the reader must parse it cheaply.
        BigDecimal read = HuzhuJson.mapper().readValue("1e100000000", BigDecimal.class);
        assertThat(read.scale()).isEqualTo(-100_000_000);
        assertThat(read.unscaledValue()).isEqualTo(1);
    }

    @Test
    void anExponentBeyondAnIntIsAnInputError() {
        // BigDecimal cannot hold 10^9999999999: its scale is an int. Jackson's NumberFormatException is reworded.
        assertThatThrownBy(() -> HuzhuJson.read(request("\"coPay\": 1e9999999999"), EvaluationRequest.class,
                "claim.json"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("claim.json claim.stays[0].coPay: is a number out of range (its exponent is too large); "
                        + "expected an amount in yuan such as 1234.56");
    }

    @Test
    void aNumberLongerThanTheReaderAllowsIsAnInputError() {
        String digits = "1" + "0".repeat(1200);
        assertThatThrownBy(() -> HuzhuJson.read(request("\"coPay\": " + digits), EvaluationRequest.class,
                "claim.json"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("claim.stays[0]: exceeds a safety limit of the reader: Number value length "
                        + "(1201) exceeds the maximum allowed (1000)");
    }

    @Test
    void displayNeverExpandsAHugeExponent() {
        assertThat(Limits.display(new BigDecimal("1e100000000"))).isEqualTo("1E+100000000");
        assertThat(Limits.display(new BigDecimal("1234.50"))).isEqualTo("1234.50");
        assertThat(Limits.display(new BigDecimal("1e5"))).isEqualTo("100000");
    }
}
