package org.huzhu.actuary.allocate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.huzhu.api.AmountRange;
import org.huzhu.api.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * The ranking, both misfit policies and the amounts of ranges under review, on claims whose figures are Hunan's
 * (schemes.md §7: base 50,000..99,999.99 → 10,000, 100,000..300,000 → 20,000, above 300,000 a range 30,000–50,000).
 * Every expectation is worked out by hand in the comments.
 */
class FundAllocationTest {
    private static final AmountRange HUNAN_RANGE = new AmountRange(new BigDecimal("30000"), new BigDecimal("50000"));

    private static Candidate fixed(String id, String selfPay, String amount, String applied) {
        return new Candidate("decisions.jsonl:" + id, 0, "claims.jsonl", id, LocalDate.parse(applied),
                new BigDecimal(selfPay), new BigDecimal(amount), null);
    }

    private static Candidate underReview(String id, String selfPay, String applied) {
        return new Candidate("decisions.jsonl:" + id, 0, "claims.jsonl", id, LocalDate.parse(applied),
                new BigDecimal(selfPay), BigDecimal.ZERO, HUNAN_RANGE);
    }

    // Five approved claims. By the default priority (self-pay desc, application date asc, claim id):
    //   P1 400,000 → range, at 30,000 (minimum)
    //   P2 150,000 → 20,000
    //   P3  90,000 → 10,000, applied 03-01
    //   P4  90,000 → 10,000, applied 03-05 (same self-pay as P3, later)
    //   P5  60,000 → 10,000
    private static final List<Candidate> FIVE = List.of(
            fixed("P4", "90000", "10000", "2021-03-05"),
            fixed("P2", "150000", "20000", "2021-05-01"),
            fixed("P5", "60000", "10000", "2021-01-10"),
            underReview("P1", "400000", "2021-06-01"),
            fixed("P3", "90000", "10000", "2021-03-01"));

    private static Allocation allocate(List<Candidate> claims, String budget, Priority priority, MisfitPolicy misfit,
            ReviewOutcomes reviews) {
        return FundAllocation.allocate(new Decisions(claims, List.of()), reviews, new BigDecimal(budget), priority,
                misfit);
    }

    private static Allocation allocate(String budget, MisfitPolicy misfit) {
        return allocate(FIVE, budget, Priority.DEFAULT, misfit, ReviewOutcomes.none());
    }

    private static List<String> ids(List<RankedClaim> claims) {
        return claims.stream().map(r -> r.claim().claimId()).toList();
    }

    @Test
    void theDefaultPriorityPaysTheLargerSelfPayFirstThenTheEarlierApplication() {
        Allocation a = allocate("1000000", MisfitPolicy.SKIP_AND_CONTINUE);
        assertThat(ids(a.paid())).containsExactly("P1", "P2", "P3", "P4", "P5");
        assertThat(a.paid()).extracting(RankedClaim::rank).containsExactly(1, 2, 3, 4, 5);
        // 30,000 + 20,000 + 10,000 × 3 = 80,000 of 1,000,000.
        assertThat(a.paidTotal()).isEqualByComparingTo("80000");
        assertThat(a.remaining()).isEqualByComparingTo("920000");
        assertThat(a.deferred()).isEmpty();
        assertThat(a.paid().get(0).amountSource()).isEqualTo(AmountSource.RANGE_MINIMUM);
        assertThat(a.paid().get(0).amount()).isEqualByComparingTo("30000");
        assertThat(a.paid().get(1).amountSource()).isEqualTo(AmountSource.DECISION);
    }

    @Test
    void skipAndContinuePaysASmallerClaimAfterOneThatDoesNotFit() {
        // Budget 45,000: P1 30,000 (15,000 left); P2 20,000 > 15,000, deferred; P3 10,000 fits (5,000 left);
        // P4 and P5, 10,000 each > 5,000, deferred.
        Allocation a = allocate("45000", MisfitPolicy.SKIP_AND_CONTINUE);
        assertThat(ids(a.paid())).containsExactly("P1", "P3");
        assertThat(a.paid()).extracting(r -> r.remainingAfter().toPlainString()).containsExactly("15000.00",
                "5000.00");
        assertThat(ids(a.deferred())).containsExactly("P2", "P4", "P5");
        assertThat(a.deferred()).extracting(RankedClaim::rank).containsExactly(2, 4, 5);
        assertThat(a.deferred()).extracting(RankedClaim::deferral).containsOnly(RankedClaim.Deferral.DOES_NOT_FIT);
        assertThat(a.paidTotal()).isEqualByComparingTo("40000");
        assertThat(a.remaining()).isEqualByComparingTo("5000");
        assertThat(a.deferredTotal()).isEqualByComparingTo("40000");
    }

    @Test
    void stopAtFirstMisfitDefersEveryClaimAfterTheFirstThatDoesNotFit() {
        // Budget 45,000: P1 30,000 (15,000 left); P2 20,000 does not fit; P3, P4, P5 follow it, all deferred.
        Allocation a = allocate("45000", MisfitPolicy.STOP_AT_FIRST_MISFIT);
        assertThat(ids(a.paid())).containsExactly("P1");
        assertThat(ids(a.deferred())).containsExactly("P2", "P3", "P4", "P5");
        assertThat(a.deferred()).extracting(RankedClaim::deferral).containsExactly(
                RankedClaim.Deferral.DOES_NOT_FIT, RankedClaim.Deferral.AFTER_FIRST_MISFIT,
                RankedClaim.Deferral.AFTER_FIRST_MISFIT, RankedClaim.Deferral.AFTER_FIRST_MISFIT);
        assertThat(a.paidTotal()).isEqualByComparingTo("30000");
        assertThat(a.remaining()).isEqualByComparingTo("15000");
        assertThat(a.deferredTotal()).isEqualByComparingTo("50000");
    }

    @Test
    void aClaimExactlyTheBudgetLeftIsPaidAndABudgetOfZeroDefersAll() {
        // 80,000 is the sum of all five: each fits exactly in turn, nothing is left.
        Allocation exact = allocate("80000", MisfitPolicy.STOP_AT_FIRST_MISFIT);
        assertThat(exact.paid()).hasSize(5);
        assertThat(exact.remaining()).isEqualByComparingTo("0");
        Allocation none = allocate("0", MisfitPolicy.SKIP_AND_CONTINUE);
        assertThat(none.paid()).isEmpty();
        assertThat(ids(none.deferred())).containsExactly("P1", "P2", "P3", "P4", "P5");
        assertThat(none.deferredTotal()).isEqualByComparingTo("80000");
        // 79,999.99: P5 (10,000) no longer fits after 70,000 are paid.
        Allocation cent = allocate("79999.99", MisfitPolicy.SKIP_AND_CONTINUE);
        assertThat(ids(cent.deferred())).containsExactly("P5");
        assertThat(cent.remaining()).isEqualByComparingTo("9999.99");
    }

    @Test
    void anotherPriorityOrdersByItsKeysAndTheClaimIdBreaksTheLastTies() {
        // amount-asc, then application-date-asc: the 10,000 claims by date (P5 01-10, P3 03-01, P4 03-05), then
        // P2 20,000, then P1 30,000 (its range minimum). Budget 35,000: P5, P3, P4 (5,000 left), P2 and P1 deferred.
        Allocation a = allocate(FIVE, "35000", Priority.parse("amount-asc,application-date-asc"),
                MisfitPolicy.SKIP_AND_CONTINUE, ReviewOutcomes.none());
        assertThat(a.priority().toString()).isEqualTo("amount-asc,application-date-asc,claim-id-asc");
        assertThat(ids(a.paid())).containsExactly("P5", "P3", "P4");
        assertThat(ids(a.deferred())).containsExactly("P2", "P1");
        // Equal self-pay and date: the claim id decides, as strings ("K-10" before "K-9").
        List<Candidate> tied = List.of(fixed("K-9", "90000", "10000", "2021-03-01"),
                fixed("K-10", "90000", "10000", "2021-03-01"));
        Allocation t = allocate(tied, "10000", Priority.DEFAULT, MisfitPolicy.SKIP_AND_CONTINUE,
                ReviewOutcomes.none());
        assertThat(ids(t.paid())).containsExactly("K-10");
        assertThat(ids(t.deferred())).containsExactly("K-9");
    }

    @Test
    void theAllocationDoesNotDependOnTheInputOrder() {
        Allocation expected = allocate("45000", MisfitPolicy.SKIP_AND_CONTINUE);
        Random random = new Random(3);
        for (int i = 0; i < 20; i++) {
            List<Candidate> shuffled = new ArrayList<>(FIVE);
            Collections.shuffle(shuffled, random);
            Allocation a = allocate(shuffled, "45000", Priority.DEFAULT, MisfitPolicy.SKIP_AND_CONTINUE,
                    ReviewOutcomes.none());
            assertThat(a).isEqualTo(expected);
        }
    }

    @Test
    void aRangeUnderReviewIsAllocatedAtTheCommitteesAmountWhenGivenElseItsMinimum() {
        ReviewOutcomes committee = new ReviewOutcomes(List.of(
                new ReviewOutcomes.CommitteeAmount("P1", new BigDecimal("45000"), "reviews.csv:2")));
        // P1 at 45,000 takes the whole budget of 45,000: the four others are deferred.
        Allocation a = allocate(FIVE, "45000", Priority.DEFAULT, MisfitPolicy.SKIP_AND_CONTINUE, committee);
        assertThat(ids(a.paid())).containsExactly("P1");
        assertThat(a.paid().get(0).amount()).isEqualByComparingTo("45000");
        assertThat(a.paid().get(0).amountSource()).isEqualTo(AmountSource.COMMITTEE);
        assertThat(a.remaining()).isEqualByComparingTo("0");
        assertThat(a.deferredTotal()).isEqualByComparingTo("50000");
        // The amount-asc priority ranks the range by the amount allocated: 45,000 is now the largest, last.
        Allocation byAmount = allocate(FIVE, "1000000", Priority.parse("amount-desc"),
                MisfitPolicy.SKIP_AND_CONTINUE, committee);
        assertThat(ids(byAmount.paid())).startsWith("P1", "P2");
        // Without the committee's amount, the minimum: 30,000 (theDefaultPriority… above).
    }

    @Test
    void aCommitteeAmountOutsideItsRangeOrForAnUnknownClaimIsAnErrorNamingTheLine() {
        ReviewOutcomes above = new ReviewOutcomes(List.of(
                new ReviewOutcomes.CommitteeAmount("P1", new BigDecimal("50000.01"), "reviews.csv:3")));
        assertThatThrownBy(() -> allocate(FIVE, "1", Priority.DEFAULT, MisfitPolicy.SKIP_AND_CONTINUE, above))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("reviews.csv:3: amount 50000.01 of claim P1 is outside its range 30000.00–50000.00");
        ReviewOutcomes below = new ReviewOutcomes(List.of(
                new ReviewOutcomes.CommitteeAmount("P1", new BigDecimal("29999.99"), "reviews.csv:2")));
        assertThatThrownBy(() -> allocate(FIVE, "1", Priority.DEFAULT, MisfitPolicy.SKIP_AND_CONTINUE, below))
                .hasMessageStartingWith("reviews.csv:2: amount 29999.99 of claim P1 is outside");
        ReviewOutcomes unknown = new ReviewOutcomes(List.of(
                new ReviewOutcomes.CommitteeAmount("P9", new BigDecimal("40000"), "reviews.csv:4")));
        assertThatThrownBy(() -> allocate(FIVE, "1", Priority.DEFAULT, MisfitPolicy.SKIP_AND_CONTINUE, unknown))
                .hasMessage("reviews.csv:4: claim P9 is not among the decisions");
        ReviewOutcomes fixedAmount = new ReviewOutcomes(List.of(
                new ReviewOutcomes.CommitteeAmount("P2", new BigDecimal("40000"), "reviews.csv:2")));
        assertThatThrownBy(() -> allocate(FIVE, "1", Priority.DEFAULT, MisfitPolicy.SKIP_AND_CONTINUE,
                fixedAmount)).hasMessageStartingWith("reviews.csv:2: claim P2 has no range under review");
    }

    @Test
    void aBudgetMustBeWholeFenAndNotNegative() {
        assertThat(FundAllocation.budget(new BigDecimal("2500.5")).toPlainString()).isEqualTo("2500.50");
        assertThatThrownBy(() -> FundAllocation.budget(new BigDecimal("-1")))
                .hasMessage("budget: must not be negative, was -1");
        assertThatThrownBy(() -> FundAllocation.budget(new BigDecimal("0.001")))
                .hasMessage("budget: must be whole fen (at most 2 decimal places), was 0.001");
        assertThatThrownBy(() -> FundAllocation.budget(new BigDecimal("1e13")))
                .hasMessageStartingWith("budget: must not exceed 1000000000000.00 yuan");
    }

    @Test
    void aPriorityNamesKnownKeysEachFieldOnce() {
        assertThat(Priority.DEFAULT.toString()).isEqualTo("self-pay-desc,application-date-asc,claim-id-asc");
        assertThat(Priority.parse(" self-pay-desc , application-date-asc ")).isEqualTo(Priority.DEFAULT);
        assertThatThrownBy(() -> Priority.parse("self-pay-desc,urgency-desc"))
                .hasMessageStartingWith("priority: unknown key 'urgency-desc'; the keys are self-pay-desc, ");
        assertThatThrownBy(() -> Priority.parse("amount-asc,amount-desc"))
                .hasMessage("priority: amount-desc orders by amount, which amount-asc already does; name each "
                        + "field once");
        assertThatThrownBy(() -> Priority.parse("")).hasMessageStartingWith("priority: unknown key ''");
    }
}
