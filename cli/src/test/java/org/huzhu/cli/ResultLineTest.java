package org.huzhu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.huzhu.api.EvaluationError;
import org.junit.jupiter.api.Test;

class ResultLineTest {
    @Test
    void aFailedEntryIsOneCompactLineWithItsTypedError() {
        String line = ResultLine.failed(3, "claims.jsonl:5", "C-9", new EvaluationError(
                EvaluationError.Code.INVALID_INPUT, "claim.stays[0].coPay", "claim.stays[0].coPay: must not be negative"));
        assertThat(line).isEqualTo("{\"index\":3,\"where\":\"claims.jsonl:5\",\"claimId\":\"C-9\",\"error\":"
                + "{\"code\":\"INVALID_INPUT\",\"field\":\"claim.stays[0].coPay\","
                + "\"message\":\"claim.stays[0].coPay: must not be negative\"}}");
    }

    @Test
    void noClaimIdAndNoFieldAreLeftOut() {
        String line = ResultLine.failed(0, "claims.jsonl:1", null, new EvaluationError(
                EvaluationError.Code.UNKNOWN_RULESET, null, "no ruleset 'nowhere'"));
        assertThat(line).isEqualTo("{\"index\":0,\"where\":\"claims.jsonl:1\",\"error\":"
                + "{\"code\":\"UNKNOWN_RULESET\",\"message\":\"no ruleset 'nowhere'\"}}");
    }
}
