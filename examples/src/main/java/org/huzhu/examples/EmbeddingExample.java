package org.huzhu.examples;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.huzhu.api.BenefitHistory;
import org.huzhu.api.Claim;
import org.huzhu.api.Decision;
import org.huzhu.api.Enrolment;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.HospitalStay;
import org.huzhu.api.Member;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.api.json.HuzhuJson;

/** Embeds the engine: build it once, evaluate a claim, read the decision. */
public final class EmbeddingExample {
    public static void main(String[] args) {
        SubsidyEngine engine = SubsidyEngine.builder().build();   // bundled rulesets from the classpath
        Member member = new Member("M-001", LocalDate.of(1985, 6, 1), true, false, null, null,
                List.of(new Enrolment("wujin", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31))));
        HospitalStay stay = new HospitalStay("S-1", null, LocalDate.of(2024, 3, 4), LocalDate.of(2024, 3, 14),
                new BigDecimal("42000"), new BigDecimal("30000"), new BigDecimal("9000"), new BigDecimal("3000"),
                null, null, true, null, null, null);
        Claim claim = Claim.ofStays("C-001", member, LocalDate.of(2024, 3, 4), List.of(stay));
        Decision decision = engine.evaluate(new EvaluationRequest("wujin", claim, BenefitHistory.EMPTY));
        System.out.println(HuzhuJson.write(decision));
    }
}
