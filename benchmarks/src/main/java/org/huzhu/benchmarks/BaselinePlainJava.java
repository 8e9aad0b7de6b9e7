package org.huzhu.benchmarks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.huzhu.api.Cause;
import org.huzhu.api.CareSetting;
import org.huzhu.api.Claim;
import org.huzhu.api.CoveragePeriod;
import org.huzhu.api.Decision;
import org.huzhu.api.Diagnosis;
import org.huzhu.api.Enrolment;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.Exclusion;
import org.huzhu.api.HospitalStay;
import org.huzhu.api.PriorPayment;
import org.huzhu.api.WorkInjury;

/**
 * The first baseline of issue 8: Wujin 2024's amounts computed by hand in plain Java, no rules, no explanation,
 * no parameters read by name (the figures of {@code rulesets/wujin/2024/parameters.yaml} are constants here).
 * It is what a claim costs when nothing but the arithmetic is done; the benchmarks check that it gives every
 * claim exactly the engine's amounts before they report a figure.
 */
public final class BaselinePlainJava {
    static final BigDecimal[] BAND_FROM = amounts(0, 1_000, 5_000, 10_000, 15_000, 20_000, 30_000, 40_000, 50_000,
            100_000);
    static final BigDecimal[] BAND_AMOUNT = amounts(0, 500, 1_000, 1_500, 2_000, 3_000, 5_000, 10_000, 20_000,
            50_000);
    static final BigDecimal NOT_SETTLED_RATE = new BigDecimal("0.34");
    static final BigDecimal TRAFFIC_RATE = new BigDecimal("0.545");
    static final Set<String> INPATIENT_EXCLUSIONS = Set.of("FRAUD", "DRUNKENNESS", "FIGHTING",
            "INTENTIONAL_SELF_INJURY", "INTENTIONAL_CRIME_OR_RESISTING_ARREST", "DRUNK_OR_UNLICENSED_DRIVING",
            "CHECKUP_CONVALESCENCE_OR_REHABILITATION", "COSMETIC_OR_ELECTIVE_SURGERY", "REGISTERED_WITHOUT_STAYING");
    static final Set<String> CRITICAL_ILLNESS_EXCLUSIONS = Set.of("FRAUD", "CONCEALED_OR_FORGED_HISTORY",
            "MISDIAGNOSIS");
    static final Set<String> CRITICAL_ILLNESSES = Set.of("MALIGNANT_TUMOUR", "ACUTE_MYOCARDIAL_INFARCTION",
            "STROKE_SEQUELAE", "CORONARY_ARTERY_BYPASS_SURGERY", "MAJOR_ORGAN_TRANSPLANT", "END_STAGE_RENAL_FAILURE",
            "MULTIPLE_LIMB_LOSS", "ACUTE_OR_SUBACUTE_SEVERE_HEPATITIS", "BENIGN_BRAIN_TUMOUR",
            "CHRONIC_LIVER_FAILURE_DECOMPENSATED", "ENCEPHALITIS_OR_MENINGITIS_SEQUELAE", "DEEP_COMA", "DEAFNESS",
            "BLINDNESS", "PARALYSIS", "HEART_VALVE_SURGERY", "SEVERE_ALZHEIMERS_DISEASE", "SEVERE_BRAIN_INJURY",
            "SEVERE_PARKINSONS_DISEASE", "SEVERE_THIRD_DEGREE_BURNS", "SEVERE_PRIMARY_PULMONARY_HYPERTENSION",
            "SEVERE_MOTOR_NEURON_DISEASE", "LOSS_OF_SPEECH", "SEVERE_APLASTIC_ANAEMIA", "AORTIC_SURGERY",
            "END_STAGE_LUNG_DISEASE", "SEVERE_MULTIPLE_SCLEROSIS", "SEVERE_RHEUMATOID_ARTHRITIS",
            "SYSTEMIC_LUPUS_ERYTHEMATOSUS_WITH_LUPUS_NEPHRITIS", "SEVERE_ULCERATIVE_COLITIS");
    static final BigDecimal CRITICAL_ILLNESS = BigDecimal.valueOf(5_000);
    static final BigDecimal CARCINOMA_IN_SITU = BigDecimal.valueOf(1_000);
    static final BigDecimal[] WORK_INJURY_BY_GRADE = amounts(5_000, 5_000, 3_000, 3_000, 2_000, 2_000, 500, 500,
            300, 300);
    static final BigDecimal WORK_DEATH = BigDecimal.valueOf(5_000);

    private BaselinePlainJava() {
    }

    /**
     * The amount of each benefit kind Wujin 2024 grants the claim, by kind; empty when the member is not enrolled.
     * A kind granted 0 (a base below the first band) is present with 0, as the engine records it.
     */
    public static Map<String, BigDecimal> amounts(EvaluationRequest request) {
        Map<String, BigDecimal> out = new TreeMap<>();
        Claim claim = request.claim();
        Enrolment enrolment = claim.member().enrolmentCovering("wujin", claim.claimDate()).orElse(null);
        if (enrolment == null) {
            return out;
        }
        CoveragePeriod period = enrolment.coveragePeriod();
        List<PriorPayment> payments = request.history().payments();
        if (claimsAnInpatientStay(claim)) {
            BigDecimal base = cumulativeSelfPay(request, period);
            BigDecimal due = band(base);
            BigDecimal paid = paidInPeriod(payments, "INPATIENT_SUBSIDY", period);
            out.put("INPATIENT_SUBSIDY", due.subtract(paid).max(BigDecimal.ZERO).setScale(2, RoundingMode.HALF_UP));
        }
        BigDecimal critical = criticalIllness(claim.diagnosis(), period, payments);
        if (critical != null) {
            out.put("CRITICAL_ILLNESS", critical.setScale(2, RoundingMode.HALF_UP));
        }
        BigDecimal work = workInjury(claim.workInjury(), period);
        if (work != null) {
            out.put("WORK_INJURY", work.setScale(2, RoundingMode.HALF_UP));
        }
        return out;
    }

    /** The same, read from an engine decision: each benefit's amount by kind (ranges have none in Wujin). */
    public static Map<String, BigDecimal> amounts(Decision decision) {
        Map<String, BigDecimal> out = new TreeMap<>();
        decision.benefits().forEach(b -> out.merge(b.kind(), b.amount(), BigDecimal::add));
        return out;
    }

    /** The inpatient rule's conditions: a claim stay (not an earlier one) in hospital; every stay is counted. */
    static boolean claimsAnInpatientStay(Claim claim) {
        for (HospitalStay s : claim.stays()) {
            if (s.setting() == CareSetting.INPATIENT) {
                return true;
            }
        }
        return false;
    }

    /** The year's cumulative 个人自理 as the count-stage rules count it: the claim's stays and the earlier ones. */
    static BigDecimal cumulativeSelfPay(EvaluationRequest request, CoveragePeriod period) {
        BigDecimal base = BigDecimal.ZERO;
        for (HospitalStay s : request.claim().stays()) {
            base = base.add(counted(s, period));
        }
        for (HospitalStay s : request.history().earlierStays()) {
            base = base.add(counted(s, period));
        }
        return base;
    }

    /** What one stay counts toward the base (五.1 and its notes). */
    static BigDecimal counted(HospitalStay s, CoveragePeriod period) {
        if (s.setting() != CareSetting.INPATIENT || !period.contains(s.admissionDate())
                || anyIn(s.exclusions(), INPATIENT_EXCLUSIONS) || s.cause() == Cause.WORK_INJURY) {
            return BigDecimal.ZERO;
        }
        if (s.settledThroughMedicalInsurance()) {
            return s.selfPay();
        }
        if (s.cause() == Cause.TRAFFIC_ACCIDENT) {
            BigDecimal total = s.totalCost() == null ? BigDecimal.ZERO : s.totalCost();
            BigDecimal share = s.liabilityShare() == null ? BigDecimal.ZERO : s.liabilityShare();
            return bounded(bounded(total.multiply(share)).multiply(TRAFFIC_RATE));
        }
        return bounded(s.selfPay().multiply(NOT_SETTLED_RATE));
    }

    /** The band's amount: the last band whose lower bound (inclusive) the base reaches. */
    static BigDecimal band(BigDecimal base) {
        BigDecimal amount = BigDecimal.ZERO;
        for (int i = 0; i < BAND_FROM.length && base.compareTo(BAND_FROM[i]) >= 0; i++) {
            amount = BAND_AMOUNT[i];
        }
        return amount;
    }

    static BigDecimal paidInPeriod(List<PriorPayment> payments, String kind, CoveragePeriod period) {
        BigDecimal sum = BigDecimal.ZERO;
        for (PriorPayment p : payments) {
            if (p.kind().equals(kind) && period.contains(p.date())) {
                sum = sum.add(p.amount());
            }
        }
        return sum;
    }

    /** 五.2: a listed illness first diagnosed in the period pays 5,000 once, carcinoma in situ 1,000; else null. */
    static BigDecimal criticalIllness(Diagnosis d, CoveragePeriod period, List<PriorPayment> payments) {
        if (d == null || !Boolean.TRUE.equals(d.diagnosedAtQualifiedHospital()) || d.preExisting()
                || !period.contains(d.firstDiagnosisDate()) || anyIn(d.exclusions(), CRITICAL_ILLNESS_EXCLUSIONS)) {
            return null;
        }
        for (PriorPayment p : payments) {
            if (p.kind().equals("CRITICAL_ILLNESS") && d.illnessCode() != null
                    && d.illnessCode().equals(p.illnessCode())) {
                return null;
            }
        }
        if (d.carcinomaInSitu()) {
            return CARCINOMA_IN_SITU;
        }
        return CRITICAL_ILLNESSES.contains(d.illnessCode()) ? CRITICAL_ILLNESS : null;
    }

    /** 五.3: by disability grade, a work death as grades 1–2; null when nothing is due. */
    static BigDecimal workInjury(WorkInjury w, CoveragePeriod period) {
        if (w == null || !period.contains(w.date()) || anyIn(w.exclusions(), INPATIENT_EXCLUSIONS)) {
            return null;
        }
        return w.death() ? WORK_DEATH : WORK_INJURY_BY_GRADE[w.disabilityGrade() - 1];
    }

    static boolean anyIn(Set<Exclusion> exclusions, Set<String> listed) {
        for (Exclusion e : exclusions) {
            if (listed.contains(e.name())) {
                return true;
            }
        }
        return false;
    }

    /** Products keep at most 10 decimals, as the engine's helpers do (rounding happens when granted). */
    static BigDecimal bounded(BigDecimal value) {
        return value.scale() > 10 ? value.setScale(10, RoundingMode.HALF_UP) : value;
    }

    private static BigDecimal[] amounts(long... yuan) {
        BigDecimal[] out = new BigDecimal[yuan.length];
        for (int i = 0; i < yuan.length; i++) {
            out[i] = BigDecimal.valueOf(yuan[i]);
        }
        return out;
    }
}
