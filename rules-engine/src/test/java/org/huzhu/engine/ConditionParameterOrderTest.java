package org.huzhu.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.huzhu.api.BenefitHistory;
import org.huzhu.api.Claim;
import org.huzhu.api.Decision;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.HospitalStay;
import org.huzhu.api.Member;
import org.huzhu.api.SubsidyEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parameters a rule's conditions read are listed in its outcome in the order the conditions read them, in every
 * JVM. (An immutable Map.copyOf once held them: its order is salted per JVM, so the same claim gave
 * differently ordered decisions from one run to the next.)
 */
class ConditionParameterOrderTest {

    @Test
    void conditionParametersAreListedInTheOrderTheConditionsReadThem(@TempDir Path dir) throws IOException {
        TestRulesets.write(dir, """
                package t;
                import org.huzhu.api.ruleset.ClaimContext;
                rule "six thresholds"
                when
                    $c : ClaimContext( age > integer("pF") + integer("pA") + integer("pD") + integer("pB")
                            + integer("pE") + integer("pC") )
                then
                    $c.grant("TEST_BENEFIT", $c.money("amount"));
                end
                """);
        StringBuilder yaml = new StringBuilder(Files.readString(dir.resolve("parameters.yaml")));
        for (String name : List.of("pA", "pB", "pC", "pD", "pE", "pF")) {
            yaml.append(name).append(":\n  type: integer\n  description: a threshold\n  value: 1\n"
                    + "  provenance: {label: assumed, why: a test}\n");
        }
        Files.writeString(dir.resolve("parameters.yaml"), yaml);
        SubsidyEngine engine = SubsidyEngine.builder().classpathRulesets(false).addRulesetFolder(dir).build();
        LocalDate d = LocalDate.of(2024, 3, 1);
        Member member = new Member("M", LocalDate.of(1980, 1, 1), true, false, null, null, List.of());
        Decision decision = engine.evaluate(new EvaluationRequest("test", Claim.ofStays("C", member, d,
                List.<HospitalStay>of()), BenefitHistory.EMPTY));
        // Aged 44 > 6: granted 100, its conditions' six parameters first (as read), then the amount.
        assertThat(decision.amountOf("TEST_BENEFIT")).isEqualByComparingTo(BigDecimal.valueOf(100));
        assertThat(decision.benefits().get(0).parameters().keySet())
                .containsExactly("pF", "pA", "pD", "pB", "pE", "pC", "amount");
    }
}
