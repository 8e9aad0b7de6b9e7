package org.huzhu.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * One hospital stay (住院) or one special-outpatient bill (特殊门诊), with the self-pay breakdown after basic MI,
 * serious-illness insurance and medical assistance.
 *
 * @param id                             the bill or stay number, used in explanations; may be null
 * @param setting                        inpatient (default) or special outpatient
 * @param admissionDate                  入院日期 (for outpatient care: the date of service)
 * @param dischargeDate                  出院日期; defaults to the admission date for outpatient care
 * @param totalCost                      医疗总费用, the stay's whole cost; needed for traffic accidents not settled
 *                                       through MI
 * @param medicalInsurancePaid           what basic MI, serious-illness insurance and assistance paid
 * @param coPay                          个人自付: the in-policy part the member pays (政策范围内个人自负)
 * @param outOfPolicy                    自费: items outside the MI catalogue, paid in full; default 0
 * @param deductiblePart                 起付标准部分: the part of {@code coPay} below the MI deductible; optional
 * @param proportionalCoPay              按比例自负: the proportional co-payment part of {@code coPay}; optional
 * @param settledThroughMedicalInsurance settled through the MI card (医保卡结算); default true
 * @param cause                          illness (default), traffic accident, work injury or other accident
 * @param liabilityShare                 for a traffic accident: the member's share of liability, 0..1
 * @param exclusions                     exclusion facts that apply to this stay (除外责任)
 */
public record HospitalStay(
        String id,
        CareSetting setting,
        LocalDate admissionDate,
        LocalDate dischargeDate,
        BigDecimal totalCost,
        BigDecimal medicalInsurancePaid,
        BigDecimal coPay,
        BigDecimal outOfPolicy,
        BigDecimal deductiblePart,
        BigDecimal proportionalCoPay,
        Boolean settledThroughMedicalInsurance,
        Cause cause,
        BigDecimal liabilityShare,
        Set<Exclusion> exclusions) {

    public HospitalStay {
        setting = setting == null ? CareSetting.INPATIENT : setting;
        Checks.required(admissionDate, "admissionDate");
        if (dischargeDate == null) {
            if (setting == CareSetting.INPATIENT) {
                throw new InvalidInputException("dischargeDate", "is required for an inpatient stay");
            }
            dischargeDate = admissionDate;
        }
        Checks.notBefore(dischargeDate, admissionDate, "dischargeDate", "admissionDate");
        // Bounded before any arithmetic: the sum below would spin on 1e100000000.
        Checks.amount(totalCost, "totalCost");
        Checks.amount(medicalInsurancePaid, "medicalInsurancePaid");
        Checks.requiredAmount(coPay, "coPay");
        outOfPolicy = Checks.amount(outOfPolicy == null ? BigDecimal.ZERO : outOfPolicy, "outOfPolicy");
        Checks.amount(deductiblePart, "deductiblePart");
        Checks.amount(proportionalCoPay, "proportionalCoPay");
        BigDecimal parts = zeroIfNull(deductiblePart).add(zeroIfNull(proportionalCoPay));
        if (parts.compareTo(coPay) > 0) {
            throw new InvalidInputException("deductiblePart",
                    "deductiblePart + proportionalCoPay (" + parts.toPlainString() + ") exceed coPay ("
                            + coPay.toPlainString() + ")");
        }
        settledThroughMedicalInsurance = settledThroughMedicalInsurance == null ? Boolean.TRUE
                : settledThroughMedicalInsurance;
        cause = cause == null ? Cause.ILLNESS : cause;
        Checks.share(liabilityShare, "liabilityShare");
        if (cause == Cause.TRAFFIC_ACCIDENT && !settledThroughMedicalInsurance) {
            Checks.required(liabilityShare, "liabilityShare");
            Checks.required(totalCost, "totalCost");
        }
        exclusions = Checks.set(exclusions, Exclusion.class, "exclusions");
    }

    private static BigDecimal zeroIfNull(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    /** 个人自理 = 个人自付 + 自费: everything the member paid after insurance. */
    public BigDecimal selfPay() {
        return coPay.add(outOfPolicy);
    }

    /** Days in hospital: discharge date − admission date, at least 1. */
    public long days() {
        return Math.max(1, ChronoUnit.DAYS.between(admissionDate, dischargeDate));
    }

    /** {@link #deductiblePart} or 0. */
    public BigDecimal deductiblePartOrZero() {
        return zeroIfNull(deductiblePart);
    }

    /** {@link #proportionalCoPay} or 0. */
    public BigDecimal proportionalCoPayOrZero() {
        return zeroIfNull(proportionalCoPay);
    }
}
