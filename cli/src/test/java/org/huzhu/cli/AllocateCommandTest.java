package org.huzhu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.huzhu.api.json.HuzhuJson;
import org.huzhu.cli.CliUsageTest.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code huzhu allocate} on the Hunan example where the budget runs out: examples/allocation/hunan-claims.jsonl
 * through the real engine ({@code huzhu batch}), then allocated. Expected amounts worked out by hand from schemes.md
 * §7 (base 50,000..99,999.99 → 10,000; 100,000..300,000 → 20,000; above 300,000 a range 30,000–50,000):
 * <pre>
 * line claim   applied     12-month self-pay                 decision
 *  1   HN-A01  2021-03-10  50,000 + 8,000 = 58,000           10,000
 *  2   HN-A02  2021-04-02  90,000 + 30,000 = 120,000         20,000
 *  3   HN-A03  2021-05-20  250,000 + 100,000 = 350,000       range (committee: 40,000 in hunan-reviews.csv)
 *  4   HN-A04  2021-02-15  81,000 − 6,000 mutual aid = 75,000 10,000
 *  5   HN-A05  2021-03-01  100,000 + 20,000 = 120,000        20,000
 *  6   HN-A06  2021-03-15  45,000                            refused, BELOW_THRESHOLD: skipped
 *  7   HN-A07  2021-06-01  160,000 + 50,000 = 210,000        20,000
 *  8   HN-A08  2021-04-20  hardship file                     refused, HARDSHIP_FILE: skipped
 *  9   HN-A09  2020-11-20  before the notice (2020-12-03)    error line, NO_VERSION_IN_FORCE: skipped
 * 10   HN-A10  2021-04-15  380,000 + 40,000 = 420,000        range, no committee amount: its minimum 30,000
 * </pre>
 * Default priority (self-pay desc, then application date): A10, A03, A07, A05 (120,000, 03-01), A02 (120,000, 04-02),
 * A04, A01.
 */
class AllocateCommandTest {
    private static final Path EXAMPLES = Path.of("..", "examples", "allocation");
    private static final String REVIEWS = EXAMPLES.resolve("hunan-reviews.csv").toString();

    @TempDir
    Path dir;

    private Path decisions;

    @BeforeEach
    void decideTheExampleClaims() {
        decisions = dir.resolve("decisions.jsonl");
        Run batch = CliUsageTest.huzhu("batch", "--in", EXAMPLES.resolve("hunan-claims.jsonl").toString(), "--out",
                decisions.toString(), "--rulesets", CliUsageTest.RULESETS, "--quiet", "--lang", "en");
        // HN-A09 is an error line: batch exits 1 with the output complete.
        assertThat(batch.exit()).as(batch.err()).isEqualTo(1);
    }

    private Run allocate(String... args) {
        List<String> all = new ArrayList<>(List.of("allocate", "--decisions", decisions.toString()));
        all.addAll(List.of(args));
        return CliUsageTest.huzhu(all.toArray(String[]::new));
    }

    private static JsonNode json(Run run) throws IOException {
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        return HuzhuJson.mapper().readTree(run.out());
    }

    private static List<String> list(JsonNode allocation, String list, String field) {
        List<String> values = new ArrayList<>();
        allocation.get(list).forEach(n -> values.add(n.get(field).asText()));
        return values;
    }

    @Test
    void batchLinesCarryTheApplicationDateAsTheBatchResultSchemaDescribesIt() throws IOException {
        // Its $ref to decision.schema.json is read from schemas/, never fetched from the $id's host.
        String ids = "https://huzhu.org/schemas/";
        com.networknt.schema.Schema schema = com.networknt.schema.SchemaRegistry.withDefaultDialect(
                com.networknt.schema.SpecificationVersion.DRAFT_2020_12, b -> b.schemas(iri -> {
                    try {
                        return iri.startsWith(ids) ? Files.readString(SchemaTest.SCHEMAS.resolve(
                                iri.substring(ids.length())), StandardCharsets.UTF_8) : null;
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })).getSchema(com.networknt.schema.SchemaLocation.of(ids + "batch-result.schema.json"));
        List<String> lines = Files.readAllLines(decisions, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(10);
        for (String line : lines) {
            assertThat(SchemaTest.errors(schema, line)).as(line).isEmpty();
        }
        // The claims' dates (a Hunan claim is dated by its application); the error line (HN-A09) has none.
        List<String> dates = lines.stream().map(l -> {
            try {
                return HuzhuJson.mapper().readTree(l).path("applicationDate").asText("-");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
        assertThat(dates).containsExactly("2021-03-10", "2021-04-02", "2021-05-20", "2021-02-15", "2021-03-01",
                "2021-03-15", "2021-06-01", "2021-04-20", "-", "2021-04-15");
        assertThat(SchemaTest.errors(schema, lines.get(0).replace("\"2021-03-10\"", "\"10/03/2021\"")))
                .isNotEmpty();
    }

    @Test
    void skipAndContinuePaysASmallerClaimAfterTheBudgetNoLongerFitsALargerOne() throws IOException {
        JsonNode a = json(allocate("--budget", "100000", "--reviews", REVIEWS, "--format", "json"));
        // A10 30,000 (70,000 left), A03 40,000 (30,000), A07 20,000 (10,000); A05 and A02, 20,000 each, do not
        // fit; A04 10,000 does (0 left); A01 10,000 does not.
        assertThat(list(a, "paid", "claimId")).containsExactly("HN-A10", "HN-A03", "HN-A07", "HN-A04");
        assertThat(list(a, "paid", "amount")).containsExactly("30000.00", "40000.00", "20000.00", "10000.00");
        assertThat(list(a, "paid", "amountSource")).containsExactly("range-minimum", "committee", "decision",
                "decision");
        assertThat(list(a, "paid", "rank")).containsExactly("1", "2", "3", "6");
        assertThat(list(a, "paid", "selfPay")).containsExactly("420000.00", "350000.00", "210000.00", "75000.00");
        assertThat(list(a, "paid", "remainingAfter")).containsExactly("70000.00", "30000.00", "10000.00", "0.00");
        assertThat(list(a, "deferred", "claimId")).containsExactly("HN-A05", "HN-A02", "HN-A01");
        assertThat(list(a, "deferred", "amount")).containsExactly("20000.00", "20000.00", "10000.00");
        assertThat(list(a, "deferred", "deferral")).containsOnly("does-not-fit");
        assertThat(list(a, "skipped", "claimId")).containsExactly("HN-A06", "HN-A08", "HN-A09");
        assertThat(list(a, "skipped", "reason")).containsExactly("nothing-granted", "nothing-granted", "error");
        assertThat(list(a, "skipped", "detail").get(0)).isEqualTo("refused: BELOW_THRESHOLD");
        assertThat(list(a, "skipped", "detail").get(1)).isEqualTo("refused: HARDSHIP_FILE");
        assertThat(list(a, "skipped", "detail").get(2)).startsWith("NO_VERSION_IN_FORCE: ");
        JsonNode s = a.get("summary");
        assertThat(s.get("entries").asInt()).isEqualTo(10);
        assertThat(List.of(s.get("paid").asInt(), s.get("deferred").asInt(), s.get("skipped").asInt()))
                .containsExactly(4, 3, 3);
        assertThat(List.of(s.get("budget").asText(), s.get("paidTotal").asText(), s.get("remaining").asText(),
                s.get("deferredTotal").asText())).containsExactly("100000.00", "100000.00", "0.00", "50000.00");
        assertThat(a.get("priority").asText()).isEqualTo("self-pay-desc,application-date-asc,claim-id-asc");
        assertThat(a.get("misfit").asText()).isEqualTo("skip-and-continue");
        assertThat(a.get("paid").get(0).get("where").asText()).endsWith("hunan-claims.jsonl:10");
        assertThat(a.get("paid").get(0).get("line").asText()).isEqualTo(decisions + ":10");
    }

    @Test
    void stopAtFirstMisfitDefersEverythingAfterTheFirstClaimThatDoesNotFit() throws IOException {
        JsonNode a = json(allocate("--budget", "100000", "--reviews", REVIEWS, "--stop-at-first-misfit",
                "--format", "json"));
        // A10, A03, A07 paid (90,000); A05 does not fit in 10,000, and A02, A04, A01 come after it.
        assertThat(list(a, "paid", "claimId")).containsExactly("HN-A10", "HN-A03", "HN-A07");
        assertThat(list(a, "deferred", "claimId")).containsExactly("HN-A05", "HN-A02", "HN-A04", "HN-A01");
        assertThat(list(a, "deferred", "deferral")).containsExactly("does-not-fit", "after-first-misfit",
                "after-first-misfit", "after-first-misfit");
        JsonNode s = a.get("summary");
        assertThat(List.of(s.get("paidTotal").asText(), s.get("remaining").asText(), s.get("deferredTotal").asText()))
                .containsExactly("90000.00", "10000.00", "60000.00");
        assertThat(a.get("misfit").asText()).isEqualTo("stop-at-first-misfit");
    }

    @Test
    void withoutReviewsARangeIsAllocatedAtItsMinimum() throws IOException {
        JsonNode a = json(allocate("--budget", "100000", "--format", "json"));
        // A10 30,000 (70,000), A03 30,000 (40,000), A07 20,000 (20,000), A05 20,000 (0); A02, A04, A01 deferred.
        assertThat(list(a, "paid", "claimId")).containsExactly("HN-A10", "HN-A03", "HN-A07", "HN-A05");
        assertThat(list(a, "paid", "amountSource")).containsExactly("range-minimum", "range-minimum", "decision",
                "decision");
        assertThat(list(a, "deferred", "claimId")).containsExactly("HN-A02", "HN-A04", "HN-A01");
        assertThat(a.get("summary").get("deferredTotal").asText()).isEqualTo("40000.00");
        assertThat(a.get("summary").get("remaining").asText()).isEqualTo("0.00");
    }

    @Test
    void anotherPriorityFromTheCommandLine() throws IOException {
        JsonNode a = json(allocate("--budget", "45000", "--priority", "application-date-asc", "--format", "json"));
        // By application: A04 02-15 10,000 (35,000 left), A05 03-01 20,000 (15,000), A01 03-10 10,000 (5,000);
        // A02 04-02, A10 04-15, A03 05-20, A07 06-01 do not fit in 5,000.
        assertThat(list(a, "paid", "claimId")).containsExactly("HN-A04", "HN-A05", "HN-A01");
        assertThat(list(a, "deferred", "claimId")).containsExactly("HN-A02", "HN-A10", "HN-A03", "HN-A07");
        assertThat(a.get("priority").asText()).isEqualTo("application-date-asc,claim-id-asc");
    }

    @Test
    void batchOutputPipesIntoAllocateAndTheTextListsPaidDeferredAndSkipped() throws IOException {
        Run run = CliUsageTest.huzhu(new ByteArrayInputStream(Files.readAllBytes(decisions)), "allocate",
                "--decisions", "-", "--budget", "100000", "--reviews", REVIEWS);
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).containsSequence(
                "Paid (4):",
                " RANK  CLAIM   APPLIED           SELF-PAY        AMOUNT      LEFT AFTER",
                "    1  HN-A10  2021-04-15      420,000.00     30,000.00       70,000.00  range minimum in "
                        + "30,000.00–50,000.00",
                "    2  HN-A03  2021-05-20      350,000.00     40,000.00       30,000.00  committee's amount in "
                        + "30,000.00–50,000.00",
                "    3  HN-A07  2021-06-01      210,000.00     20,000.00       10,000.00",
                "    6  HN-A04  2021-02-15       75,000.00     10,000.00            0.00",
                "",
                "Deferred to next year (3):",
                " RANK  CLAIM   APPLIED           SELF-PAY        AMOUNT      LEFT AFTER",
                "    4  HN-A05  2021-03-01      120,000.00     20,000.00       10,000.00  does not fit",
                "    5  HN-A02  2021-04-02      120,000.00     20,000.00       10,000.00  does not fit",
                "    7  HN-A01  2021-03-10       58,000.00     10,000.00            0.00  does not fit",
                "",
                "Skipped (3):",
                "  HN-A06  nothing granted: refused: BELOW_THRESHOLD (<stdin>:6)",
                "  HN-A08  nothing granted: refused: HARDSHIP_FILE (<stdin>:8)");
        assertThat(lines).anyMatch(l -> l.startsWith("  HN-A09  error: NO_VERSION_IN_FORCE: ")
                && l.endsWith("(<stdin>:9)"));
        assertThat(lines.get(0)).isEqualTo("Fund allocation: budget 100,000.00 yuan; priority self-pay-desc,"
                + "application-date-asc,claim-id-asc; a claim that does not fit is deferred and later ones are still "
                + "tried");
        assertThat(lines.subList(lines.size() - 2, lines.size())).containsExactly(
                "10 entries: 4 paid, 3 deferred, 3 skipped",
                "Budget 100,000.00 yuan: paid 100,000.00, remaining 0.00; deferred to next year 50,000.00");
    }

    @Test
    void theAllocationGoesToAFileWithOut() throws IOException {
        Path out = dir.resolve("allocation.json");
        Run run = allocate("--budget", "100000", "--format", "json", "--out", out.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(Files.readString(out, StandardCharsets.UTF_8))
                .isEqualTo(allocate("--budget", "100000", "--format", "json").out());
    }

    @Test
    void badInputIsExit2WithAMessageNamingTheOptionFileOrLine() throws IOException {
        Run negative = allocate("--budget=-1");
        assertThat(negative.exit()).isEqualTo(2);
        assertThat(negative.err()).contains("Invalid value for option '--budget': must not be negative, was -1");
        Run word = allocate("--budget", "lots");
        assertThat(word.exit()).isEqualTo(2);
        assertThat(word.err()).contains("expected an amount in yuan such as 100000 or 2500.50, got 'lots'");
        Run fen = allocate("--budget", "100.001");
        assertThat(fen.exit()).isEqualTo(2);
        assertThat(fen.err()).contains("must be whole fen");
        Run key = allocate("--budget", "1", "--priority", "self-pay-desc,age-desc");
        assertThat(key.exit()).isEqualTo(2);
        assertThat(key.err()).contains("unknown key 'age-desc'");

        Run missing = CliUsageTest.huzhu("allocate", "--decisions", dir.resolve("none.jsonl").toString(),
                "--budget", "1");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("none.jsonl: does not exist");

        List<String> lines = new ArrayList<>(Files.readAllLines(decisions, StandardCharsets.UTF_8));
        lines.set(4, lines.get(4).substring(0, 40));
        Path cut = dir.resolve("cut.jsonl");
        Files.write(cut, lines, StandardCharsets.UTF_8);
        Run malformed = CliUsageTest.huzhu("allocate", "--decisions", cut.toString(), "--budget", "1");
        assertThat(malformed.exit()).isEqualTo(2);
        assertThat(malformed.err()).contains(cut + ":5: not a batch result line (huzhu batch output)");

        Path reviews = dir.resolve("reviews.csv");
        Files.writeString(reviews, "claimId,amount\nHN-A10,35000\nHN-A03,55000\n", StandardCharsets.UTF_8);
        Run outside = allocate("--budget", "1", "--reviews", reviews.toString());
        assertThat(outside.exit()).isEqualTo(2);
        assertThat(outside.err()).contains(reviews + ":3: amount 55000.00 of claim HN-A03 is outside its range "
                + "30000.00–50000.00");
        Files.writeString(reviews, "claimId,amount\nHN-A11,35000\n", StandardCharsets.UTF_8);
        Run unknown = allocate("--budget", "1", "--reviews", reviews.toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains(reviews + ":2: claim HN-A11 is not among the decisions");
        Run noReviews = allocate("--budget", "1", "--reviews", dir.resolve("none.csv").toString());
        assertThat(noReviews.exit()).isEqualTo(2);
        assertThat(noReviews.err()).contains("none.csv: does not exist");
    }
}
