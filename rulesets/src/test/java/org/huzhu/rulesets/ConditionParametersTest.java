package org.huzhu.rulesets;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.huzhu.api.Benefit;
import org.huzhu.api.Claim;
import org.huzhu.api.Decision;
import org.huzhu.api.Diagnosis;
import org.huzhu.api.Enrolment;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.FireLoss;
import org.huzhu.api.Member;
import org.huzhu.api.SubsidyEngine;
import org.junit.jupiter.api.Test;

/**
 * A benefit lists every parameter that decided it, the ones its rule's conditions read (eligibility) as well as
 * the ones its consequence read (the amount), with their values.
 */
class ConditionParametersTest {
    private static final SubsidyEngine ENGINE = SubsidyEngine.builder().classpathRulesets(false)
            .addRulesetFolder(Path.of(System.getProperty("huzhu.rulesets", "."))).build();

    @Test
    void wujinsCriticalIllnessBenefitListsTheListOfIllnessesThatMadeItDue() {
        LocalDate d = LocalDate.of(2024, 5, 10);
        Member m = new Member("M", LocalDate.of(1975, 1, 1), true, false, null, null,
                List.of(new Enrolment("wujin", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31))));
        Claim claim = new Claim("C", m, d, null, List.of(),
                new Diagnosis("MALIGNANT_TUMOUR", d, false, false, null, null), null, null, null, null);
        Decision decision = ENGINE.evaluate(new EvaluationRequest("wujin", claim, null));
        Benefit b = decision.benefits().stream().filter(x -> x.kind().equals("CRITICAL_ILLNESS")).findFirst()
                .orElseThrow();
        // 五.2: a listed illness pays 5,000 once.
        assertThat(b.amount()).isEqualByComparingTo("5000");
        assertThat(b.parameters()).containsKeys("criticalIllnesses", "criticalIllnessExclusions",
                "criticalIllnessAmount");
        assertThat(b.parameters().get("criticalIllnesses").value()).contains("MALIGNANT_TUMOUR");
        // 五.2 names "30种重大疾病" without listing them: the list is ours, and the outcome says why.
        assertThat(b.parameters().get("criticalIllnesses").provenance().label()).isEqualTo("assumed");
        assertThat(b.parameters().get("criticalIllnesses").provenance().why()).isNotBlank();
        assertThat(b.parameters().get("criticalIllnessAmount").provenance().clause()).contains("5000元");
        assertThat(b.parameters().get("criticalIllnessAmount").differsFromSource()).isFalse();
    }

    @Test
    void changchunsFireBenefitListsTheAgeLimits() {
        LocalDate d = LocalDate.of(2023, 6, 1);
        Member m = new Member("M", LocalDate.of(1980, 1, 1), true, false, null, null, List.of());
        Claim claim = new Claim("C", m, d, null, List.of(), null, null, null, null,
                new FireLoss(d, new BigDecimal("30000")));
        Decision decision = ENGINE.evaluate(new EvaluationRequest("changchun", claim, null));
        Benefit b = decision.benefits().stream().filter(x -> x.kind().equals("FIRE_LOSS")).findFirst()
                .orElseThrow();
        // 最高按损失金额的10%: 30,000 × 10% = 3,000, under the 10,000 cap.
        assertThat(b.amount()).isEqualByComparingTo("3000");
        assertThat(b.parameters()).containsKeys("minimumAge", "maximumAge", "fireRate", "fireMaximum");
        assertThat(b.parameters().get("minimumAge").value()).isEqualTo("16");
        assertThat(b.parameters().get("maximumAge").value()).isEqualTo("60");
    }
}
