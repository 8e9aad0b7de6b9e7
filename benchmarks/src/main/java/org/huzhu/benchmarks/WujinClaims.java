package org.huzhu.benchmarks;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.huzhu.api.BenefitHistory;
import org.huzhu.api.CareSetting;
import org.huzhu.api.Cause;
import org.huzhu.api.Claim;
import org.huzhu.api.Diagnosis;
import org.huzhu.api.Enrolment;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.HospitalStay;
import org.huzhu.api.Member;
import org.huzhu.api.PriorPayment;

/**
 * Seeded synthetic Wujin 2024 claims: an enrolled member, 1–3 stays in 2024 (mostly MI-settled illness, some not
 * settled, traffic or work injury), sometimes a diagnosis or an earlier payment, so that most rules fire somewhere.
 * Amounts are whole cents as BigDecimal, as the engine's inputs are.
 */
public final class WujinClaims {
    private static final LocalDate YEAR_START = LocalDate.of(2024, 1, 1);
    private static final List<String> ILLNESSES = List.of("MALIGNANT_TUMOUR", "END_STAGE_RENAL_FAILURE",
            "ACUTE_PANCREATITIS");

    private WujinClaims() {
    }

    public static List<EvaluationRequest> generate(long seed, int count) {
        Random r = new Random(seed);
        List<EvaluationRequest> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(request(r, i));
        }
        return out;
    }

    private static EvaluationRequest request(Random r, int n) {
        LocalDate claimDate = YEAR_START.plusDays(60 + r.nextInt(300));
        Member member = new Member("M" + n, LocalDate.of(1965 + r.nextInt(40), 1 + r.nextInt(12), 1), true, false,
                null, null, List.of(new Enrolment("wujin", YEAR_START, LocalDate.of(2024, 12, 31))));
        List<HospitalStay> stays = new ArrayList<>();
        int stayCount = 1 + r.nextInt(3);
        for (int i = 0; i < stayCount; i++) {
            LocalDate admission = claimDate.minusDays(r.nextInt(50));
            int roll = r.nextInt(100);
            Cause cause = roll < 80 ? Cause.ILLNESS : roll < 90 ? Cause.TRAFFIC_ACCIDENT : roll < 95
                    ? Cause.WORK_INJURY : Cause.OTHER_ACCIDENT;
            boolean settled = r.nextInt(100) < 80;
            BigDecimal coPay = money(r, 3_000_000);
            boolean traffic = cause == Cause.TRAFFIC_ACCIDENT && !settled;
            stays.add(new HospitalStay("S" + n + "-" + i, CareSetting.INPATIENT, admission,
                    admission.plusDays(1 + r.nextInt(20)), traffic ? coPay.add(money(r, 2_000_000)) : null, null,
                    coPay, r.nextBoolean() ? money(r, 500_000) : null, null, null, settled, cause,
                    traffic ? new BigDecimal("0.5") : null, Set.of()));
        }
        Diagnosis diagnosis = r.nextInt(5) == 0 ? new Diagnosis(ILLNESSES.get(r.nextInt(ILLNESSES.size())),
                claimDate.minusDays(r.nextInt(40)), r.nextInt(10) == 0, false, Boolean.TRUE, Set.of()) : null;
        Claim claim = new Claim("C" + n, member, claimDate, null, stays, diagnosis, null, null, null, null);
        List<PriorPayment> payments = r.nextInt(5) == 0
                ? List.of(new PriorPayment("INPATIENT_SUBSIDY", YEAR_START.plusDays(20), money(r, 300_000), null))
                : List.of();
        return new EvaluationRequest("wujin", claim, new BenefitHistory(payments, List.of()));
    }

    /** An amount below {@code maxCents} cents, in yuan with 2 decimals. */
    private static BigDecimal money(Random r, int maxCents) {
        return BigDecimal.valueOf(r.nextInt(maxCents), 2);
    }
}
