package org.huzhu.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.huzhu.api.Claim;
import org.huzhu.api.CoveragePeriod;
import org.huzhu.api.Diagnosis;
import org.huzhu.api.Enrolment;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.PriorPayment;
import org.huzhu.api.WorkInjury;
import org.kie.api.KieBase;

/**
 * The second baseline of issue 8, "naive Drools": a band DRL ({@code naive-wujin.drl}) over one fact per claim, one
 * {@code StatelessKieSession} per claim. The fact carries the year's cumulative 个人自理, counted in Java by
 * {@link BaselinePlainJava}'s counting, so the rules only pick the band and the one-off benefits: what Drools costs
 * a claim when a rule engine is used the plain way, without explanations, stages or a sandbox.
 */
public final class BaselineNaiveDrools {
    private final KieBase kieBase;

    public BaselineNaiveDrools() {
        String drl;
        try (InputStream in = BaselineNaiveDrools.class.getResourceAsStream("naive-wujin.drl")) {
            drl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read naive-wujin.drl", e);
        }
        this.kieBase = Routes.classic.build(Map.of("naive/naive-wujin.drl", drl)).kieBase();
    }

    /** The amount of each benefit kind, by kind, as {@link BaselinePlainJava#amounts(EvaluationRequest)}. */
    public Map<String, BigDecimal> amounts(EvaluationRequest request) {
        WujinFact fact = new WujinFact(request);
        kieBase.newStatelessKieSession().execute(fact);
        return fact.amounts;
    }

    /** One claim as the naive rules see it. Getters are what the DRL's constraints read. */
    public static final class WujinFact {
        private final boolean inpatientClaimed;
        private final BigDecimal base;
        private final BigDecimal paidThisYear;
        private final Diagnosis diagnosis;
        private final boolean criticalIllnessEligible;
        private final WorkInjury workInjury;
        private final boolean workInjuryEligible;
        final Map<String, BigDecimal> amounts = new TreeMap<>();

        WujinFact(EvaluationRequest request) {
            Claim claim = request.claim();
            Enrolment enrolment = claim.member().enrolmentCovering("wujin", claim.claimDate()).orElse(null);
            CoveragePeriod period = enrolment == null ? null : enrolment.coveragePeriod();
            this.inpatientClaimed = period != null && BaselinePlainJava.claimsAnInpatientStay(claim);
            this.base = inpatientClaimed ? BaselinePlainJava.cumulativeSelfPay(request, period) : BigDecimal.ZERO;
            this.paidThisYear = period == null ? BigDecimal.ZERO
                    : BaselinePlainJava.paidInPeriod(request.history().payments(), "INPATIENT_SUBSIDY", period);
            this.diagnosis = claim.diagnosis();
            this.criticalIllnessEligible = period != null && diagnosis != null
                    && Boolean.TRUE.equals(diagnosis.diagnosedAtQualifiedHospital()) && !diagnosis.preExisting()
                    && period.contains(diagnosis.firstDiagnosisDate())
                    && !BaselinePlainJava.anyIn(diagnosis.exclusions(), BaselinePlainJava.CRITICAL_ILLNESS_EXCLUSIONS)
                    && !paidForIllness(request, diagnosis.illnessCode());
            this.workInjury = claim.workInjury();
            this.workInjuryEligible = period != null && workInjury != null && period.contains(workInjury.date())
                    && !BaselinePlainJava.anyIn(workInjury.exclusions(), BaselinePlainJava.INPATIENT_EXCLUSIONS);
        }

        private static boolean paidForIllness(EvaluationRequest request, String illness) {
            for (PriorPayment p : request.history().payments()) {
                if (p.kind().equals("CRITICAL_ILLNESS") && illness != null && illness.equals(p.illnessCode())) {
                    return true;
                }
            }
            return false;
        }

        public boolean isInpatientClaimed() {
            return inpatientClaimed;
        }

        public BigDecimal getBase() {
            return base;
        }

        public Diagnosis getDiagnosis() {
            return diagnosis;
        }

        public boolean isCriticalIllnessEligible() {
            return criticalIllnessEligible;
        }

        public boolean isListedIllness() {
            return BaselinePlainJava.CRITICAL_ILLNESSES.contains(diagnosis.illnessCode());
        }

        public WorkInjury getWorkInjury() {
            return workInjury;
        }

        public boolean isWorkInjuryEligible() {
            return workInjuryEligible;
        }

        public BigDecimal workInjuryByGrade() {
            return BaselinePlainJava.WORK_INJURY_BY_GRADE[workInjury.disabilityGrade() - 1];
        }

        /** The band's amount less what the year already paid, never below 0. */
        public void grantInpatient(BigDecimal due) {
            grant("INPATIENT_SUBSIDY", due.subtract(paidThisYear).max(BigDecimal.ZERO));
        }

        public void grant(String kind, BigDecimal amount) {
            amounts.put(kind, amount.setScale(2, RoundingMode.HALF_UP));
        }
    }
}
