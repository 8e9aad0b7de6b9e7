package org.huzhu.actuary.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.huzhu.api.EvaluationError;
import org.junit.jupiter.api.Test;

class JsonLinesPopulationTest {
    private static final String CLAIM = "{\"ruleset\":\"wujin\",\"claim\":{\"id\":\"%s\",\"claimDate\":\"2024-03-04\","
            + "\"member\":{\"id\":\"M-1\",\"unionMember\":true},"
            + "\"stays\":[{\"id\":\"S-1\",\"admissionDate\":\"2024-03-04\",\"dischargeDate\":\"2024-03-14\","
            + "\"coPay\":%s}]}}";

    private static List<PopulationEntry> read(byte[] bytes) {
        List<PopulationEntry> entries = new ArrayList<>();
        try (Population population = Population.jsonLines(new ByteArrayInputStream(bytes), "claims.jsonl")) {
            population.forEachRemaining(entries::add);
        }
        return entries;
    }

    @Test
    void everyNonBlankLineIsOneEntryAndErrorsNameTheirLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((CLAIM.formatted("C-1", "9000") + "\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes("\n".getBytes(StandardCharsets.UTF_8));                                      // line 2: blank
        out.writeBytes((CLAIM.formatted("C-3", "-5") + "\r\n").getBytes(StandardCharsets.UTF_8));   // negative
        out.writeBytes("{not json\n".getBytes(StandardCharsets.UTF_8));                              // line 4
        out.writeBytes(new byte[] {'{', (byte) 0xC3, '}', '\n'});                                    // line 5: not UTF-8
        out.writeBytes(CLAIM.formatted("C-6", "12.5").getBytes(StandardCharsets.UTF_8));             // no final newline

        List<PopulationEntry> entries = read(out.toByteArray());

        assertThat(entries).extracting(PopulationEntry::index).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(entries).extracting(PopulationEntry::where).containsExactly(
                "claims.jsonl:1", "claims.jsonl:3", "claims.jsonl:4", "claims.jsonl:5", "claims.jsonl:6");
        assertThat(entries.get(0).request().claim().stays().get(0).coPay()).isEqualByComparingTo("9000");
        assertThat(entries.get(1).failed()).isTrue();
        assertThat(entries.get(1).claimId()).isEqualTo("C-3");
        assertThat(entries.get(1).error().code()).isEqualTo(EvaluationError.Code.INVALID_INPUT);
        assertThat(entries.get(1).error().field()).contains("coPay");
        assertThat(entries.get(2).error().message()).startsWith("claims.jsonl:4");
        assertThat(entries.get(3).error().message()).contains("UTF-8");
        assertThat(entries.get(4).request().claim().id()).isEqualTo("C-6");
    }

    @Test
    void aLineOverTheLimitIsAnErrorAndTheNextLineStillReads() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] longLine = new byte[Population.MAX_LINE_BYTES + 10];
        java.util.Arrays.fill(longLine, (byte) ' ');
        out.writeBytes(longLine);
        out.write('\n');
        out.writeBytes((CLAIM.formatted("C-2", "100") + "\n").getBytes(StandardCharsets.UTF_8));

        List<PopulationEntry> entries = read(out.toByteArray());

        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).error().message()).isEqualTo(
                "claims.jsonl:1: line is longer than " + Population.MAX_LINE_BYTES + " bytes");
        assertThat(entries.get(1).request().claim().id()).isEqualTo("C-2");
    }

    @Test
    void anEmptyStreamHasNoEntries() {
        assertThat(read(new byte[0])).isEmpty();
    }
}
