package org.huzhu.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.huzhu.api.EvaluationError;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.EvaluationResult;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.NoVersionInForceException;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.api.UnknownRulesetException;
import org.huzhu.api.json.HuzhuJson;
import org.junit.jupiter.api.Test;

/** A batch's failed request carries a typed error: code, field, message. */
class EvaluationErrorTest {
    @Test
    void aBatchNamesTheCodeAndTheFieldOfABadRequest() throws Exception {
        String claim = Files.readString(Path.of("..", "examples", "claims", "wujin-2024-two-stays.json"));
        EvaluationRequest good = HuzhuJson.read(claim, EvaluationRequest.class, "good");
        EvaluationRequest badKind = new EvaluationRequest("wujin", good.claim(),
                new org.huzhu.api.BenefitHistory(List.of(new org.huzhu.api.PriorPayment("INPATIENT_SUBSIDDY",
                        good.claim().claimDate(), new java.math.BigDecimal("100"), null)), List.of()), false);
        EvaluationRequest unknown = new EvaluationRequest("nosuch", good.claim(), null, false);
        SubsidyEngine engine = SubsidyEngine.builder().classpathRulesets(false).addRulesetFolder(TestRulesets.WUJIN)
                .build();
        List<EvaluationResult> results = engine.evaluateAll(List.of(good, badKind, unknown));

        assertThat(results.get(0).failed()).isFalse();
        EvaluationError kind = results.get(1).error();
        assertThat(kind.code()).isEqualTo(EvaluationError.Code.INVALID_INPUT);
        assertThat(kind.field()).isEqualTo("history.payments[0].kind");
        assertThat(kind.message()).startsWith("history.payments[0].kind: ").contains("INPATIENT_SUBSIDDY");
        assertThat(results.get(2).error().code()).isEqualTo(EvaluationError.Code.UNKNOWN_RULESET);
        assertThat(results.get(2).error().field()).isNull();
    }

    @Test
    void eachExceptionTypeHasItsCode() {
        assertThat(EvaluationError.of(new InvalidInputException("claim.id", "is required")))
                .isEqualTo(new EvaluationError(EvaluationError.Code.INVALID_INPUT, "claim.id",
                        "claim.id: is required"));
        assertThat(EvaluationError.of(new UnknownRulesetException("x")).code())
                .isEqualTo(EvaluationError.Code.UNKNOWN_RULESET);
        assertThat(EvaluationError.of(new NoVersionInForceException("x")).code())
                .isEqualTo(EvaluationError.Code.NO_VERSION_IN_FORCE);
        assertThat(EvaluationError.of(new org.huzhu.api.EvaluationException("x")).code())
                .isEqualTo(EvaluationError.Code.EVALUATION_ERROR);
    }
}
