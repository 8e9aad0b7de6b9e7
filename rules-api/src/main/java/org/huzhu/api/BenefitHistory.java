package org.huzhu.api;

import java.util.List;

/**
 * What happened before this claim: benefits already paid and stays already claimed. Annual caps, cumulative
 * bands, look-back windows and once-only benefits read it, so the caller must pass the member's (or for a
 * household scheme, the household's) full history for the periods concerned.
 *
 * @param payments     benefits already paid
 * @param earlierStays stays already claimed: they count toward cumulative bases (a year's 个人自理, a 12-month
 *                     self-pay window) but are not paid again
 */
public record BenefitHistory(List<PriorPayment> payments, List<HospitalStay> earlierStays) {
    public static final BenefitHistory EMPTY = new BenefitHistory(List.of(), List.of());

    public BenefitHistory {
        payments = Checks.list(payments, "payments");
        earlierStays = Checks.list(earlierStays, "earlierStays");
        Limits.count(payments.size(), Limits.MAX_PAYMENTS, "payments", "payments");
        Limits.count(earlierStays.size(), Limits.MAX_STAYS, "earlierStays", "stays");
    }
}
