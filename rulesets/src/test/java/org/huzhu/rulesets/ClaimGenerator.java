package org.huzhu.rulesets;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.huzhu.api.AccidentInjury;
import org.huzhu.api.BenefitHistory;
import org.huzhu.api.CareSetting;
import org.huzhu.api.Cause;
import org.huzhu.api.Claim;
import org.huzhu.api.Death;
import org.huzhu.api.Diagnosis;
import org.huzhu.api.Enrolment;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.Exclusion;
import org.huzhu.api.FireLoss;
import org.huzhu.api.HospitalStay;
import org.huzhu.api.MedicalInsuranceType;
import org.huzhu.api.Member;
import org.huzhu.api.PriorPayment;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.WorkInjury;

/**
 * Builds a varied, valid claim for one of the loaded rulesets from a seed: every seed gives a different member,
 * date, set of stays, events and history, so property tests compare claims that differ from each other.
 */
final class ClaimGenerator {
    private static final List<String> ILLNESSES = List.of("MALIGNANT_TUMOUR", "END_STAGE_RENAL_FAILURE",
            "BREAST_CANCER", "ACUTE_PANCREATITIS", "ACUTE_MYOCARDIAL_INFARCTION", "TYPE_2_DIABETES",
            "MAJOR_ORGAN_TRANSPLANT");
    private static final List<String> BODY_PARTS = List.of("FEMUR", "SPINE", "ANKLE", "SKULL", "RIB");
    private static final List<String> SEVERITIES = List.of("FRACTURE", "SPRAIN", "PARALYSIS");
    /** The benefit kinds each scheme pays, so that histories hold payments the rules read. */
    private static final Map<String, List<String>> KINDS = Map.of(
            "wujin", List.of("INPATIENT_SUBSIDY", "CRITICAL_ILLNESS"),
            "shaoxing", List.of("SECOND_REIMBURSEMENT", "DEATH_CONDOLENCE", "INPATIENT_ALLOWANCE"),
            "quzhou", List.of("REIMBURSEMENT"),
            "huaian", List.of("HARDSHIP_BACKSTOP"),
            "jinhua", List.of("SEGMENTED_REIMBURSEMENT"),
            "changchun", List.of("INPATIENT_SUBSIDY", "FIRE_LOSS"),
            "hunan", List.of("CRITICAL_ILLNESS_CARE"),
            "huzhou", List.of("CHARITY_TOP_UP", "CRITICAL_ILLNESS_LUMP_SUM", "LIVING_ALLOWANCE"));

    private final List<RulesetInfo> rulesets;

    ClaimGenerator(List<RulesetInfo> rulesets) {
        this.rulesets = List.copyOf(rulesets);
    }

    EvaluationRequest request(long seed) {
        Random r = new Random(seed);
        RulesetInfo ruleset = rulesets.get(r.nextInt(rulesets.size()));
        LocalDate from = ruleset.effectiveFrom();
        LocalDate to = ruleset.effectiveTo() != null ? ruleset.effectiveTo() : from.plusYears(2);
        LocalDate claimDate = from.plusDays(r.nextInt((int) ChronoUnit.DAYS.between(from, to) + 1));

        List<Enrolment> enrolments = new ArrayList<>();
        if (r.nextInt(10) < 8) {
            LocalDate start = claimDate.minusDays(r.nextInt(300));
            enrolments.add(new Enrolment(ruleset.scheme(), start, start.plusYears(1).minusDays(1)));
        }
        MedicalInsuranceType insurance = pick(r, 20, MedicalInsuranceType.URBAN_EMPLOYEE,
                MedicalInsuranceType.URBAN_RURAL_RESIDENT, MedicalInsuranceType.NONE);
        Member member = new Member("M" + seed,
                r.nextInt(10) == 0 ? null : claimDate.minusYears(15 + r.nextInt(55)).minusDays(r.nextInt(365)),
                r.nextInt(10) != 0, r.nextInt(10) < 3, insurance, "H" + r.nextInt(5), enrolments);

        List<HospitalStay> stays = new ArrayList<>();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            stays.add(stay(r, "S" + seed + "-" + i, claimDate.minusDays(r.nextInt(120))));
        }
        Diagnosis diagnosis = r.nextInt(10) < 4 ? new Diagnosis(ILLNESSES.get(r.nextInt(ILLNESSES.size())),
                claimDate.minusDays(r.nextInt(400)), r.nextInt(10) == 0, r.nextInt(10) == 0,
                r.nextInt(5) == 0 ? Boolean.FALSE : null, exclusions(r)) : null;
        WorkInjury workInjury = r.nextInt(10) == 0 ? (r.nextInt(5) == 0
                ? new WorkInjury(claimDate, null, true, exclusions(r))
                : new WorkInjury(claimDate, 1 + r.nextInt(10), false, exclusions(r))) : null;
        Death death = r.nextInt(20) == 0 ? new Death(claimDate,
                Death.DeathCause.values()[r.nextInt(Death.DeathCause.values().length)]) : null;
        AccidentInjury accident = r.nextInt(10) == 0 ? new AccidentInjury(claimDate,
                BODY_PARTS.get(r.nextInt(BODY_PARTS.size())), SEVERITIES.get(r.nextInt(SEVERITIES.size())),
                r.nextInt(5) == 0, Set.of()) : null;
        FireLoss fire = r.nextInt(20) == 0 ? new FireLoss(claimDate, money(r)) : null;
        Claim claim = new Claim("C" + seed, member, claimDate, claimDate.plusDays(r.nextInt(60)), stays, diagnosis,
                workInjury, death, accident, fire);

        List<PriorPayment> payments = new ArrayList<>();
        List<String> kinds = new ArrayList<>(KINDS.getOrDefault(ruleset.scheme(), List.of()));
        if (ruleset.scheme().equals("hunan")) {
            kinds.add("MUTUAL_AID_SUBSIDY");
        }
        for (int i = r.nextInt(4); i > 0 && !kinds.isEmpty(); i--) {
            payments.add(new PriorPayment(kinds.get(r.nextInt(kinds.size())), claimDate.minusDays(r.nextInt(400)),
                    money(r), r.nextBoolean() ? ILLNESSES.get(r.nextInt(ILLNESSES.size())) : null));
        }
        List<HospitalStay> earlier = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            earlier.add(stay(r, "E" + seed + "-" + i, claimDate.minusDays(130 + r.nextInt(300))));
        }
        return new EvaluationRequest(ruleset.id(), claim, new BenefitHistory(payments, earlier));
    }

    private static HospitalStay stay(Random r, String id, LocalDate admission) {
        BigDecimal coPay = money(r);
        BigDecimal deductible = r.nextInt(10) < 4 ? part(r, coPay) : null;
        BigDecimal proportional = r.nextInt(10) < 4
                ? part(r, coPay.subtract(deductible == null ? BigDecimal.ZERO : deductible)) : null;
        Cause cause = pick(r, 30, Cause.ILLNESS, Cause.TRAFFIC_ACCIDENT, Cause.WORK_INJURY, Cause.OTHER_ACCIDENT);
        boolean settled = r.nextInt(100) < 85;
        boolean traffic = cause == Cause.TRAFFIC_ACCIDENT && !settled;
        BigDecimal liability = traffic ? List.of(BigDecimal.ZERO, new BigDecimal("0.3"), new BigDecimal("0.5"),
                new BigDecimal("0.7"), BigDecimal.ONE).get(r.nextInt(5)) : null;
        BigDecimal totalCost = traffic || r.nextBoolean() ? coPay.add(money(r)) : null;
        CareSetting setting = r.nextInt(100) < 85 ? CareSetting.INPATIENT : CareSetting.SPECIAL_OUTPATIENT;
        return new HospitalStay(id, setting, admission, admission.plusDays(r.nextInt(30)), totalCost, null, coPay,
                r.nextBoolean() ? money(r).min(new BigDecimal("20000.00")) : null, deductible, proportional,
                settled, cause, liability, exclusions(r));
    }

    /** Skewed amounts: most small, some large, as self-pay is. */
    private static BigDecimal money(Random r) {
        long[] bounds = {10_000L, 500_000L, 5_000_000L, 40_000_000L};
        return BigDecimal.valueOf(r.nextLong(bounds[r.nextInt(bounds.length)]), 2);
    }

    private static BigDecimal part(Random r, BigDecimal of) {
        long cents = of.movePointRight(2).longValueExact();
        return cents == 0 ? BigDecimal.ZERO.setScale(2) : BigDecimal.valueOf(r.nextLong(cents + 1), 2);
    }

    private static Set<Exclusion> exclusions(Random r) {
        return r.nextInt(20) == 0 ? Set.of(Exclusion.values()[r.nextInt(Exclusion.values().length)]) : Set.of();
    }

    /** The first value with probability (100 − others×share)%, each other with {@code share}%. */
    @SafeVarargs
    private static <T> T pick(Random r, int share, T first, T... others) {
        int roll = r.nextInt(100);
        for (int i = 0; i < others.length; i++) {
            if (roll < share / others.length * (i + 1)) {
                return others[i];
            }
        }
        return first;
    }
}
