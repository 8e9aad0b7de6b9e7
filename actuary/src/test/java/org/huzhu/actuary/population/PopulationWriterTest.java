package org.huzhu.actuary.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.huzhu.api.BenefitHistory;
import org.huzhu.api.Claim;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.Exclusion;
import org.huzhu.api.HospitalStay;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.Member;
import org.huzhu.api.PriorPayment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the writers write, the readers read back to equal requests: every part of the model, in either format. */
class PopulationWriterTest {
    private static final Path SAMPLE = Path.of("..", "examples", "populations", "claims.jsonl");

    @TempDir
    Path dir;

    private static List<EvaluationRequest> read(Population population) {
        List<EvaluationRequest> requests = new ArrayList<>();
        try (population) {
            population.forEachRemaining(e -> {
                assertThat(e.error()).as(e.where()).isNull();
                requests.add(e.request());
            });
        }
        return requests;
    }

    private static byte[] write(Population.Format format, List<EvaluationRequest> requests) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PopulationWriter out = PopulationWriter.of(format, bytes)) {
            requests.forEach(out::write);
        }
        return bytes.toByteArray();
    }

    private static List<EvaluationRequest> roundTrip(Population.Format format, List<EvaluationRequest> requests) {
        return read(format.read(new ByteArrayInputStream(write(format, requests)), "written." + format));
    }

    @Test
    void theSamplePopulationReadsBackEqualFromEitherFormat() {
        // Every scheme's example claim, earlier stays, payments, a work injury, a death, an accident, a fire,
        // exclusions: every row type and most columns.
        List<EvaluationRequest> sample = read(Population.open(SAMPLE));
        assertThat(sample).hasSize(12);
        assertThat(roundTrip(Population.Format.CSV, sample)).isEqualTo(sample);
        assertThat(roundTrip(Population.Format.JSON_LINES, sample)).isEqualTo(sample);
    }

    @Test
    void csvHasEveryColumnInTheReadersOrderAndARowPerStayEarlierStayAndPayment() {
        List<EvaluationRequest> sample = read(Population.open(SAMPLE));
        List<String> lines = new String(write(Population.Format.CSV, sample.subList(0, 1)), StandardCharsets.UTF_8)
                .lines().toList();
        assertThat(lines.get(0).split(",")).containsExactly(Arrays.stream(CsvColumn.values()).map(CsvColumn::header)
                .toArray(String[]::new));
        // The Wujin example: two stays, one earlier stay, one payment.
        assertThat(lines.subList(1, lines.size())).extracting(l -> l.substring(0, l.indexOf(',')))
                .containsExactly("stay", "stay", "earlier_stay", "payment");
    }

    @Test
    void valuesWithCommasAndQuotesAreQuotedAndReadBack() {
        Member member = new Member("M \"7\", east", LocalDate.of(1980, 1, 2), true, false, null, "HH,1", List.of());
        HospitalStay stay = new HospitalStay("S,1", null, LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 5), null,
                null, new java.math.BigDecimal("120.50"), null, null, null, null, null, null,
                Set.of(Exclusion.FIGHTING, Exclusion.DRUNKENNESS));
        EvaluationRequest request = new EvaluationRequest("wujin", Claim.ofStays("C,\"1\"", member,
                LocalDate.of(2024, 3, 1), List.of(stay)), new BenefitHistory(List.of(new PriorPayment(
                "INPATIENT_SUBSIDY", LocalDate.of(2024, 1, 1), new java.math.BigDecimal("500"), null)), List.of()));
        String csv = new String(write(Population.Format.CSV, List.of(request)), StandardCharsets.UTF_8);
        assertThat(csv).contains("\"C,\"\"1\"\"\"", "\"HH,1\"", "DRUNKENNESS;FIGHTING");
        assertThat(roundTrip(Population.Format.CSV, List.of(request))).containsExactly(request);
        assertThat(roundTrip(Population.Format.JSON_LINES, List.of(request))).containsExactly(request);
    }

    @Test
    void aClaimWithNothingButItsEventIsOneClaimRow() {
        List<EvaluationRequest> sample = read(Population.open(SAMPLE));
        EvaluationRequest death = sample.stream().filter(r -> r.claim().death() != null).findFirst().orElseThrow();
        String csv = new String(write(Population.Format.CSV, List.of(death)), StandardCharsets.UTF_8);
        assertThat(csv.lines().skip(1).toList()).singleElement().asString().startsWith("claim,");
    }

    @Test
    void jsonLinesAreOneCompactRequestPerLine() {
        List<EvaluationRequest> sample = read(Population.open(SAMPLE));
        String jsonl = new String(write(Population.Format.JSON_LINES, sample), StandardCharsets.UTF_8);
        assertThat(jsonl).endsWith("\n").doesNotContain("\r");
        assertThat(jsonl.lines()).hasSize(12).allMatch(l -> l.startsWith("{\"ruleset\":"));
    }

    @Test
    void openPicksTheFormatByExtensionAndRefusesOthers() throws IOException {
        List<EvaluationRequest> sample = read(Population.open(SAMPLE));
        for (String name : List.of("out.csv", "out.jsonl", "out.ndjson")) {
            Path file = dir.resolve(name);
            try (PopulationWriter out = PopulationWriter.open(file)) {
                sample.forEach(out::write);
            }
            assertThat(read(Population.open(file))).as(name).isEqualTo(sample);
        }
        assertThat(Files.readString(dir.resolve("out.csv"))).startsWith("row_type,");
        assertThatThrownBy(() -> PopulationWriter.open(dir.resolve("out.txt")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(".jsonl, .ndjson or .csv");
        assertThatThrownBy(() -> PopulationWriter.open(dir.resolve("no/such/dir/out.csv")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot be written");
    }
}
