package org.huzhu.actuary.allocate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.huzhu.api.AmountRange;
import org.junit.jupiter.api.Test;

/**
 * Reading huzhu batch output (the lines here are trimmed copies of what it writes for Hunan claims: the fields the
 * allocation reads, with an explanation step totalling the base as the engine writes it).
 */
class DecisionsTest {
    private static String decided(int index, String id, String total, String range, String base) {
        String benefit = range == null
                ? "{\"kind\":\"CRITICAL_ILLNESS_CARE\",\"amount\":" + total
                : "{\"kind\":\"CRITICAL_ILLNESS_CARE\",\"range\":" + range;
        String steps = base == null ? "[]" : "[{\"key\":\"engine.total\",\"values\":[{\"type\":\"code\","
                + "\"enumType\":\"base\",\"name\":\"selfPayInWindow\"},{\"type\":\"money\",\"amount\":" + base
                + "}],\"text\":\"selfPayInWindow = " + base + "\"}]";
        return "{\"index\":" + index + ",\"where\":\"claims.jsonl:" + (index + 1) + "\",\"claimId\":\"" + id
                + "\",\"applicationDate\":\"2021-0" + (index + 1) + "-15\",\"decision\":{\"schemaVersion\":\"1\","
                + "\"lang\":\"en\",\"claimId\":\"" + id + "\",\"scheme\":\"hunan\",\"version\":\"2020\","
                + "\"whatIf\":false,\"total\":" + total + (range == null ? "" : ",\"pendingRange\":" + range)
                + ",\"benefits\":[" + benefit + ",\"explanation\":" + steps + "}],\"rejections\":[],"
                + "\"reviewFlags\":[],\"warnings\":[],\"rulesFired\":[]}}";
    }

    private static Decisions read(String... lines) {
        return Decisions.read(new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)),
                "decisions.jsonl", Decisions.HUNAN_BASE);
    }

    @Test
    void decisionsThatGrantAreCandidatesAndEveryOtherLineIsSkippedWithWhy() {
        String refused = "{\"index\":2,\"where\":\"claims.jsonl:3\",\"claimId\":\"C\",\"applicationDate\":"
                + "\"2021-03-15\",\"decision\":{\"claimId\":\"C\",\"whatIf\":false,\"total\":0.00,\"benefits\":[],"
                + "\"rejections\":[{\"code\":\"BELOW_THRESHOLD\",\"kind\":\"CRITICAL_ILLNESS_CARE\"}]}}";
        String error = "{\"index\":3,\"where\":\"claims.jsonl:4\",\"claimId\":\"D\",\"error\":{\"code\":"
                + "\"NO_VERSION_IN_FORCE\",\"message\":\"claim date 2020-11-20 is outside every version\"}}";
        String whatIf = decided(4, "E", "10000.00", null, "58000").replace("\"whatIf\":false", "\"whatIf\":true");
        Decisions d = read(decided(0, "A", "20000.00", null, "120000.00"), "",
                decided(1, "B", "0.00", "{\"min\":30000.00,\"max\":50000.00}", "350000"), refused, "  ", error,
                whatIf);
        assertThat(d.candidates()).containsExactly(
                new Candidate("decisions.jsonl:1", 0, "claims.jsonl:1", "A", LocalDate.parse("2021-01-15"),
                        new java.math.BigDecimal("120000.00"), new java.math.BigDecimal("20000.00"), null),
                new Candidate("decisions.jsonl:3", 1, "claims.jsonl:2", "B", LocalDate.parse("2021-02-15"),
                        new java.math.BigDecimal("350000.00"), new java.math.BigDecimal("0.00"),
                        new AmountRange(new java.math.BigDecimal("30000.00"), new java.math.BigDecimal("50000.00"))));
        assertThat(d.skipped()).extracting(Skipped::claimId, Skipped::reason, Skipped::detail, Skipped::line)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("C", Skipped.Reason.NOTHING_GRANTED,
                                "refused: BELOW_THRESHOLD", "decisions.jsonl:4"),
                        org.assertj.core.groups.Tuple.tuple("D", Skipped.Reason.ERROR,
                                "NO_VERSION_IN_FORCE: claim date 2020-11-20 is outside every version",
                                "decisions.jsonl:6"),
                        org.assertj.core.groups.Tuple.tuple("E", Skipped.Reason.WHAT_IF,
                                "computed under hunan@2020 as a what-if, never a decision to pay on",
                                "decisions.jsonl:7"));
        // Blank lines are not entries: 7 lines, 5 entries.
        assertThat(d.entries()).isEqualTo(5);
    }

    @Test
    void aLineThatIsNotABatchResultIsAnErrorNamingIt() {
        String good = decided(0, "A", "20000.00", null, "120000");
        assertThatThrownBy(() -> read(good, "{\"index\":1,"))
                .hasMessageStartingWith("decisions.jsonl:2: not a batch result line (huzhu batch output): ");
        assertThatThrownBy(() -> read(good, "[1,2]"))
                .hasMessage("decisions.jsonl:2: not a batch result line (huzhu batch output): not a JSON object");
        assertThatThrownBy(() -> read(good.replace("\"total\":20000.00", "\"total\":\"lots\"")))
                .hasMessage("decisions.jsonl:1 decision.total: expected an amount in yuan, got \"lots\"");
        assertThatThrownBy(() -> read(good.replace(",\"applicationDate\":\"2021-01-15\"", "")))
                .hasMessageStartingWith("decisions.jsonl:1: no applicationDate");
        assertThatThrownBy(() -> read(good, decided(1, "A", "10000.00", null, "60000")))
                .hasMessage("decisions.jsonl:2: claim A again (first at decisions.jsonl:1): each claim is allocated "
                        + "once");
        assertThatThrownBy(() -> read(decided(0, "W", "5000.00", null, null)))
                .hasMessageStartingWith("decisions.jsonl:1: claim W is granted an amount but its decision carries "
                        + "no base 'selfPayInWindow'");
        // 你 in GBK (C4 E3) on the second line: refused there, before anything is allocated.
        java.io.ByteArrayOutputStream gbk = new java.io.ByteArrayOutputStream();
        gbk.writeBytes((good + "\n{\"claimId\":\"").getBytes(StandardCharsets.UTF_8));
        gbk.writeBytes(new byte[] {(byte) 0xC4, (byte) 0xE3, '"', '}', '\n'});
        assertThatThrownBy(() -> Decisions.read(new ByteArrayInputStream(gbk.toByteArray()), "gbk.jsonl",
                Decisions.HUNAN_BASE))
                .hasMessageStartingWith("gbk.jsonl:2: not UTF-8 text");
    }
}
