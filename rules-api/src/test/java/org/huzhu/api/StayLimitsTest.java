package org.huzhu.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.huzhu.api.json.HuzhuJson;
import org.junit.jupiter.api.Test;

/** Stays per claim are capped, and a stay may not be in both the claim and its history (issue 7, §4 and §5). */
class StayLimitsTest {
    private static final LocalDate JAN1 = LocalDate.of(2024, 1, 1);
    private static final Member MEMBER = new Member("M1", null, true, false, null, null, null);

    /** Stay number i: admitted on day i from 2024-01-01 (so no two share dates), one night. */
    private static HospitalStay stay(String id, int i, String coPay) {
        LocalDate in = JAN1.plusDays(i);
        return new HospitalStay(id, null, in, in.plusDays(1), null, null, new BigDecimal(coPay), null, null, null,
                null, null, null, null);
    }

    private static List<HospitalStay> stays(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> stay(null, i, "10")).toList();
    }

    private static EvaluationRequest request(List<HospitalStay> stays, List<HospitalStay> earlier) {
        return new EvaluationRequest("wujin", Claim.ofStays("C1", MEMBER, JAN1, stays),
                new BenefitHistory(null, earlier));
    }

    @Test
    void exactlyTheMaximumOfStaysIsAccepted() {
        EvaluationRequest r = request(stays(0, 6_000), stays(6_000, 4_000));
        assertThat(r.claim().stays().size() + r.history().earlierStays().size()).isEqualTo(Limits.MAX_STAYS);
    }

    @Test
    void oneStayMoreThanTheMaximumInAClaimIsRefused() {
        assertThatThrownBy(() -> Claim.ofStays("C1", MEMBER, JAN1, stays(0, 10_001)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("stays: has 10001 stays; at most 10000 are allowed");
    }

    @Test
    void claimAndHistoryStaysCountTogether() {
        assertThatThrownBy(() -> request(stays(0, 6_000), stays(6_000, 4_001)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("claim.stays: has 6000 stays and history.earlierStays 4001, 10001 in all; "
                        + "at most 10000 are allowed per claim");
    }

    @Test
    void historyPaymentsAreCapped() {
        List<PriorPayment> payments = Collections.nCopies(10_001,
                new PriorPayment("INPATIENT_SUBSIDY", JAN1, BigDecimal.ONE, null));
        assertThatThrownBy(() -> new BenefitHistory(payments, null))
                .hasMessage("payments: has 10001 payments; at most 10000 are allowed");
        assertThat(new BenefitHistory(payments.subList(0, 10_000), null).payments()).hasSize(10_000);
    }

    @Test
    void theCapNamesTheJsonPath() {
        String stay = "{\"admissionDate\": \"2024-03-01\", \"dischargeDate\": \"2024-03-02\", \"coPay\": 1}";
        String json = JsonBindingTest.request(String.join(",", Collections.nCopies(10_001, stay)));
        assertThatThrownBy(() -> HuzhuJson.read(json, EvaluationRequest.class, "claim.json"))
                .hasMessageEndingWith("claim.stays: has 10001 stays; at most 10000 are allowed");
    }

    @Test
    void theSameIdInClaimAndHistoryIsRefusedNamingBoth() {
        List<HospitalStay> claim = List.of(stay("S-1", 0, "10"), stay("S-2", 1, "20"));
        List<HospitalStay> history = List.of(stay("S-2", 40, "99.50")); // other dates and amounts: the id decides
        assertThatThrownBy(() -> request(claim, history))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("claim.stays[1]: is also in history.earlierStays[0] (the same id 'S-2'); "
                        + "a stay already claimed must not be claimed again");
    }

    @Test
    void theSameDatesAndAmountsUnderAnotherIdAreRefused() {
        List<HospitalStay> claim = List.of(stay("S-1", 0, "10"), stay("NEW-7", 5, "250.5"));
        List<HospitalStay> history = List.of(stay("S-0", 9, "1"), stay(null, 3, "7"), stay("OLD-7", 5, "250.50"));
        assertThatThrownBy(() -> request(claim, history))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("claim.stays[1]: is also in history.earlierStays[2] (the same dates 2024-01-06..2024-01-07 "
                        + "and amounts); a stay already claimed must not be claimed again");
    }

    @Test
    void theSameDatesWithOtherAmountsAreTwoStays() {
        // Two special-outpatient bills on one day with different co-pays are two bills.
        EvaluationRequest r = request(List.of(stay(null, 5, "250.51")), List.of(stay(null, 5, "250.50")));
        assertThat(r.claim().stays()).hasSize(1);
    }

    @Test
    void aDuplicateStayInAClaimFileNamesBothFields() {
        String s1 = "{\"id\": \"A\", \"admissionDate\": \"2024-03-01\", \"dischargeDate\": \"2024-03-02\", \"coPay\": 1}";
        String s2 = "{\"id\": \"B\", \"admissionDate\": \"2024-03-05\", \"dischargeDate\": \"2024-03-09\", \"coPay\": 2}";
        String json = JsonBindingTest.request(s1 + "," + s2).replace("\"ruleset\": \"wujin\",",
                "\"ruleset\": \"wujin\", \"history\": {\"earlierStays\": [" + s2.replace("\"B\"", "\"B-old\"") + "]},");
        assertThatThrownBy(() -> HuzhuJson.read(json, EvaluationRequest.class, "claim.json"))
                .hasMessageEndingWith("claim.stays[1]: is also in history.earlierStays[0] (the same dates "
                        + "2024-03-05..2024-03-09 and amounts); a stay already claimed must not be claimed again");
    }

    @Test
    void manyStaysAreCheckedQuickly() {
        // 5,000 against 5,000 distinct stays: hashed, so this is 10,000 lookups, not 25 million comparisons.
        List<HospitalStay> history = new ArrayList<>(stays(5_000, 5_000));
        assertThat(request(stays(0, 5_000), history).history().earlierStays()).hasSize(5_000);
        assertThat(history.stream().map(HospitalStay::admissionDate).collect(Collectors.toSet())).hasSize(5_000);
    }
}
