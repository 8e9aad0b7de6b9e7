package org.huzhu.api.ruleset;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;
import org.huzhu.api.CareSetting;
import org.huzhu.api.Cause;
import org.huzhu.api.Exclusion;
import org.huzhu.api.HospitalStay;

/**
 * A hospital stay as rules see it: one of the claim's stays, or an earlier stay from the history that counts
 * toward a cumulative base. Rules join it to its claim on {@code key == $k}.
 */
public final class Stay {
    private final int key;
    private final String label;
    private final int number;
    private final HospitalStay stay;
    private final boolean earlier;
    private final boolean inCoveragePeriod;

    public Stay(int key, String label, HospitalStay stay, boolean earlier, boolean inCoveragePeriod) {
        this(key, label, 0, stay, earlier, inCoveragePeriod);
    }

    /**
     * @param number the stay's number among the claim's stays (or the history's earlier stays), from 1: how messages
     *               name a stay without an id in each language
     */
    public Stay(int key, String label, int number, HospitalStay stay, boolean earlier, boolean inCoveragePeriod) {
        this.number = number;
        this.key = key;
        this.label = label;
        this.stay = stay;
        this.earlier = earlier;
        this.inCoveragePeriod = inCoveragePeriod;
    }

    public int getKey() {
        return key;
    }

    /** How explanations name it: its id, or "stay 2" / "earlier stay 1". */
    public String getLabel() {
        return label;
    }

    /** The stay's id, or null. */
    public String getId() {
        return stay.id();
    }

    /** Its number among the claim's stays, or the history's earlier stays, from 1 (0 if not known). */
    public int getNumber() {
        return number;
    }

    public HospitalStay getStay() {
        return stay;
    }

    /** True for a stay from the history (already claimed). */
    public boolean isEarlier() {
        return earlier;
    }

    /** Admitted within the claim's coverage period. */
    public boolean isInCoveragePeriod() {
        return inCoveragePeriod;
    }

    public CareSetting getSetting() {
        return stay.setting();
    }

    public boolean isInpatient() {
        return stay.setting() == CareSetting.INPATIENT;
    }

    public LocalDate getAdmissionDate() {
        return stay.admissionDate();
    }

    public LocalDate getDischargeDate() {
        return stay.dischargeDate();
    }

    /** Days in hospital: discharge − admission, at least 1. */
    public long getDays() {
        return stay.days();
    }

    /** 个人自理 = 自付 + 自费. */
    public BigDecimal getSelfPay() {
        return stay.selfPay();
    }

    /** 个人自付, the in-policy self-pay (政策范围内个人自负). */
    public BigDecimal getCoPay() {
        return stay.coPay();
    }

    /** 自费. */
    public BigDecimal getOutOfPolicy() {
        return stay.outOfPolicy();
    }

    /** 起付标准部分, or 0. */
    public BigDecimal getDeductiblePart() {
        return stay.deductiblePartOrZero();
    }

    /** 按比例自负, or 0. */
    public BigDecimal getProportionalCoPay() {
        return stay.proportionalCoPayOrZero();
    }

    /** 医疗总费用, or 0 when not given. */
    public BigDecimal getTotalCost() {
        return stay.totalCost() == null ? BigDecimal.ZERO : stay.totalCost();
    }

    public boolean isSettledThroughMedicalInsurance() {
        return stay.settledThroughMedicalInsurance();
    }

    public Cause getCause() {
        return stay.cause();
    }

    /** The member's share of liability in a traffic accident, or 0. */
    public BigDecimal getLiabilityShare() {
        return stay.liabilityShare() == null ? BigDecimal.ZERO : stay.liabilityShare();
    }

    public Set<Exclusion> getExclusions() {
        return stay.exclusions();
    }

    @Override
    public String toString() {
        return label + " (" + stay.admissionDate() + ".." + stay.dischargeDate() + ")";
    }
}
