package org.huzhu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.huzhu.actuary.population.Population;
import org.huzhu.actuary.population.PopulationEntry;
import org.huzhu.api.Decision;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.Language;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.api.json.HuzhuJson;
import org.huzhu.cli.CliUsageTest.Run;
import org.huzhu.engine.TestRulesets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code huzhu batch}: one line per entry in input order, errors typed, each decision the one {@code evaluate}
 * gives, standard input and output, the exit codes, and flat memory on a 50,000-claim input in a 96 MB heap.
 */
class BatchCommandTest {
    private static final Path SAMPLES = Path.of("..", "examples", "populations");
    private static final String RULESETS = CliUsageTest.RULESETS;
    private static SubsidyEngine engine;
    private static Map<String, RulesetInfo> rulesets;

    @TempDir
    Path dir;

    @BeforeAll
    static void engine() {
        // The engine the tool builds for --rulesets ../rulesets, built separately here.
        engine = SubsidyEngine.builder().addRulesetFolder(Path.of(RULESETS)).build();
        rulesets = new LinkedHashMap<>();
        engine.rulesets().forEach(r -> rulesets.put(r.id(), r));
    }

    private static Run huzhu(String... args) {
        return CliUsageTest.huzhu(args);
    }

    private static List<String> sampleLines(String name) throws IOException {
        return Files.readAllLines(SAMPLES.resolve(name), StandardCharsets.UTF_8);
    }

    /** The line {@code evaluate} would give for this request, built from a separate evaluation. */
    private static String expectedLine(long index, String where, EvaluationRequest request, Language lang) {
        Decision d = engine.evaluate(request);
        return ResultLine.decided(index, where, request.claim().applicationDate(), d, engine.texts(d), lang,
                rulesets.get(d.rulesetId()));
    }

    private static JsonNode json(String line) throws IOException {
        return HuzhuJson.mapper().readTree(line);
    }

    @Test
    void jsonLinesMixingValidAndInvalidClaimsGiveOneLinePerEntryInOrder() throws IOException {
        List<String> sample = sampleLines("claims.jsonl");
        String wujin = sample.get(0);
        String shaoxing = sample.get(1);
        String huzhou = sample.get(7);
        Path in = dir.resolve("mix.jsonl");
        Files.write(in, List.of(
                wujin,                                                                     // 1: decided
                wujin.replace("\"coPay\":9000", "\"coPay\":-5"),                           // 2: bad amount
                shaoxing.replace("\"ruleset\":\"shaoxing\"", "\"ruleset\":\"nowhere\""),   // 3: no such scheme
                "",                                                                        // 4: blank, no entry
                huzhou.replace("\"claimDate\":\"2015-03-01\"", "\"claimDate\":\"2016-03-01\""), // 5: no version
                "{not json",                                                               // 6: not JSON
                huzhou), StandardCharsets.UTF_8);                                          // 7: decided
        Path out = dir.resolve("mix.out.jsonl");

        Run run = huzhu("batch", "--in", in.toString(), "--out", out.toString(), "--lang", "en",
                "--rulesets", RULESETS);

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(6);
        String[] where = {in + ":1", in + ":2", in + ":3", in + ":5", in + ":6", in + ":7"};
        for (int i = 0; i < lines.size(); i++) {
            assertThat(json(lines.get(i)).get("index").asLong()).isEqualTo(i);
            assertThat(json(lines.get(i)).get("where").asText()).isEqualTo(where[i]);
        }
        assertThat(lines.get(0)).isEqualTo(expectedLine(0, where[0],
                HuzhuJson.read(wujin, EvaluationRequest.class, where[0]), Language.EN));
        assertThat(lines.get(5)).isEqualTo(expectedLine(5, where[5],
                HuzhuJson.read(huzhou, EvaluationRequest.class, where[5]), Language.EN));
        JsonNode badAmount = json(lines.get(1)).get("error");
        assertThat(badAmount.get("code").asText()).isEqualTo("INVALID_INPUT");
        assertThat(badAmount.get("field").asText()).endsWith("claim.stays[0].coPay");
        assertThat(json(lines.get(1)).get("claimId").asText()).isEqualTo("WJ-2024-0001");
        assertThat(json(lines.get(2)).get("error").get("code").asText()).isEqualTo("UNKNOWN_RULESET");
        assertThat(json(lines.get(2)).get("claimId").asText()).isEqualTo("SX-2015-0008");
        assertThat(json(lines.get(3)).get("error").get("code").asText()).isEqualTo("NO_VERSION_IN_FORCE");
        JsonNode notJson = json(lines.get(4)).get("error");
        assertThat(notJson.get("code").asText()).isEqualTo("INVALID_INPUT");
        assertThat(notJson.get("field").asText()).startsWith(in + ":6");
        assertThat(run.err()).contains("huzhu batch: 6 entries, 2 decided, 4 errors "
                + "(INVALID_INPUT 2, UNKNOWN_RULESET 1, NO_VERSION_IN_FORCE 1), ");

        // Chunks of two: the same lines, errors and decisions interleaved across chunk boundaries.
        Path small = dir.resolve("mix.chunked.jsonl");
        Run chunked = huzhu("batch", "--in", in.toString(), "--out", small.toString(), "--lang", "en", "--chunk", "2",
                "--quiet", "--rulesets", RULESETS);
        assertThat(chunked.exit()).isEqualTo(1);
        assertThat(Files.readAllLines(small, StandardCharsets.UTF_8)).isEqualTo(lines);
        assertThat(chunked.err()).isEmpty();
    }

    @Test
    void csvMixingValidAndInvalidClaimsGivesOneLinePerClaimInOrder() throws IOException {
        List<String> sample = sampleLines("claims.csv");
        String header = sample.get(0);
        List<String> wujin = sample.subList(1, 5);   // WJ-2024-0001: two stays, an earlier stay, a payment
        String shaoxing = sample.get(5);
        String quzhou = sample.get(6);
        List<String> rows = new ArrayList<>();
        rows.add(header);
        rows.addAll(wujin);                                                        // lines 2-5: decided
        rows.add(shaoxing.replace(",1887.99,", ",\"1887,99\","));                  // line 6: bad co_pay
        rows.add(shaoxing.replace("shaoxing,SX-2015-0008", "nowhere,SX-2015-0009")); // line 7: no such scheme
        rows.add(wujin.get(0));                                                    // line 8: WJ-2024-0001 again
        rows.add(quzhou);                                                          // line 9: decided
        Path in = dir.resolve("mix.csv");
        Files.write(in, rows, StandardCharsets.UTF_8);
        Path out = dir.resolve("mix.out.jsonl");

        Run run = huzhu("batch", "--in", in.toString(), "--out", out.toString(), "--lang", "en", "--quiet",
                "--rulesets", RULESETS);

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(5);
        List<PopulationEntry> entries = new ArrayList<>();
        try (Population population = Population.open(in)) {
            population.forEachRemaining(entries::add);
        }
        assertThat(entries).extracting(PopulationEntry::where).containsExactly(
                in + ":2-5", in + ":6", in + ":7", in + ":8", in + ":9");
        assertThat(lines.get(0)).isEqualTo(expectedLine(0, in + ":2-5", entries.get(0).request(), Language.EN));
        assertThat(lines.get(4)).isEqualTo(expectedLine(4, in + ":9", entries.get(4).request(), Language.EN));
        JsonNode badAmount = json(lines.get(1)).get("error");
        assertThat(badAmount.get("code").asText()).isEqualTo("INVALID_INPUT");
        assertThat(badAmount.get("field").asText()).isEqualTo(in + ":6: column co_pay");
        assertThat(badAmount.get("message").asText()).isEqualTo(in + ":6: column co_pay: expected an amount in "
                + "yuan such as 1234.56, got \"1887,99\"");
        assertThat(json(lines.get(2)).get("error").get("code").asText()).isEqualTo("UNKNOWN_RULESET");
        assertThat(json(lines.get(2)).get("claimId").asText()).isEqualTo("SX-2015-0009");
        assertThat(json(lines.get(3)).get("error").get("field").asText()).isEqualTo(in + ":8: column claim_id");
        assertThat(json(lines.get(3)).get("error").get("message").asText()).contains("appears again");
        for (int i = 0; i < lines.size(); i++) {
            assertThat(json(lines.get(i)).get("index").asLong()).isEqualTo(i);
        }
    }

    @Test
    void standardInputToStandardOutputInChineseByDefaultWhateverTheLocale() throws IOException {
        byte[] population = Files.readAllBytes(SAMPLES.resolve("claims.csv"));
        Locale before = Locale.getDefault();
        Run run;
        try {
            Locale.setDefault(Locale.ENGLISH);
            run = CliUsageTest.huzhu(new ByteArrayInputStream(population), "batch", "--in", "-", "--in-format", "csv",
                    "--out", "-", "--rulesets", RULESETS);
        } finally {
            Locale.setDefault(before);
        }

        assertThat(run.exit()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(12);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = json(lines.get(i));
            assertThat(line.get("index").asLong()).isEqualTo(i);
            assertThat(line.get("where").asText()).startsWith("<stdin>:");
            assertThat(line.get("decision").get("lang").asText()).isEqualTo("zh");
        }
        // Standard output holds the result lines only; progress and the summary are on standard error.
        assertThat(run.err().lines().toList()).isNotEmpty().allMatch(l -> l.startsWith("huzhu batch: "))
                .last().asString().startsWith("huzhu batch: 12 entries, 12 decided, 0 errors, ");

        Run quiet = CliUsageTest.huzhu(new ByteArrayInputStream(population), "batch", "--in", "-", "--in-format",
                "csv", "--out", "-", "--quiet", "--rulesets", RULESETS);
        assertThat(quiet.out()).isEqualTo(run.out());
        assertThat(quiet.err()).isEmpty();
    }

    @Test
    void inputThatCannotBeReadAtAllIsExit2NamingItAndNoOutputIsMade() throws IOException {
        Path out = dir.resolve("out.jsonl");
        Path missing = dir.resolve("nowhere.jsonl");
        Run run = huzhu("batch", "--in", missing.toString(), "--out", out.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("huzhu: error: " + missing + ": does not exist\n");

        Path headerless = Files.writeString(dir.resolve("bad.csv"), "ruleset,claim_id,copay,member_id\n");
        Run header = huzhu("batch", "--in", headerless.toString(), "--out", out.toString());
        assertThat(header.exit()).isEqualTo(2);
        assertThat(header.err()).startsWith("huzhu: error: " + headerless + ":1: header: unknown column copay")
                .contains("missing required column claim_date");

        Run text = huzhu("batch", "--in", "claims.txt", "--out", out.toString());
        assertThat(text.exit()).isEqualTo(2);
        assertThat(text.err()).contains("claims.txt: is not a population file");

        Run stdin = huzhu("batch", "--in", "-", "--out", out.toString());
        assertThat(stdin.exit()).isEqualTo(2);
        assertThat(stdin.err()).contains("--in - (standard input) needs --in-format jsonl or csv",
                "huzhu batch --help");
        assertThat(huzhu("batch", "--in", "-", "--in-format", "xml", "--out", "-").exit()).isEqualTo(2);
        assertThat(huzhu("batch", "--in", "a.jsonl", "--out", "-", "--chunk", "0").err())
                .contains("--chunk must be at least 1");
        Path population = Files.copy(SAMPLES.resolve("claims.jsonl"), dir.resolve("claims.jsonl"));
        Run same = huzhu("batch", "--in", population.toString(), "--out", dir.resolve(".").resolve("claims.jsonl")
                .toString());
        assertThat(same.exit()).isEqualTo(2);
        assertThat(same.err()).contains("is the input file");
        assertThat(population).hasSameBinaryContentAs(SAMPLES.resolve("claims.jsonl"));
        assertThat(out).doesNotExist();
    }

    @Test
    void aRulesetRefusedAtLoadIsExit3() throws IOException {
        Path folder = dir.resolve("broken");
        TestRulesets.write(folder, "broken", "FLAT", "package t;\nrule \"no end\"\nwhen\nthen\n");
        Path out = dir.resolve("out.jsonl");
        Run run = huzhu("batch", "--in", SAMPLES.resolve("claims.jsonl").toString(), "--out", out.toString(),
                "--rulesets", folder.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(3);
        assertThat(run.err()).startsWith("huzhu: ruleset refused: ");
        assertThat(out).doesNotExist();
    }

    @Test
    void helpListsTheOptionsAndExitCodes() {
        Run help = huzhu("batch", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Usage: huzhu batch").contains("--in=FILE", "--out=FILE", "--in-format",
                "--lang", "--chunk", "--quiet", "--rulesets", "Exit codes:", "0   every entry was decided",
                "1   the output is complete, but some entries are error lines", "2   bad usage", "3   a ruleset",
                "4   engine error");
    }

    /**
     * 50,000 claims (the sample's, with ids and amounts varied) through a forked JVM with a 96 MB heap: as objects the
     * requests alone would not fit, and the output (about 250 MB) could not be held; every line comes back, in order.
     */
    @Test
    void fiftyThousandClaimsRunInA96MbHeap() throws Exception {
        int claims = 50_000;
        Path in = dir.resolve("big.csv");
        writeVaried(in, claims);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path err = dir.resolve("big.err");
        Process p = new ProcessBuilder(java, "-Xmx96m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Huzhu.class.getName(), "batch", "--in", in.toString(), "--out", "-", "--quiet", "--rulesets", RULESETS)
                .redirectError(err.toFile()).start();
        p.getOutputStream().close();
        long lines = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; lines++) {
                if (!line.startsWith("{\"index\":" + lines + ",") || !line.contains("\"decision\":")) {
                    throw new AssertionError("line " + lines + ": " + line.substring(0, Math.min(200, line.length())));
                }
            }
        }
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(err)).isZero();
        assertThat(lines).isEqualTo(claims);
    }

    /** The sample CSV's claims over and over, each with its own id and its co-pays times 1..5. */
    private static void writeVaried(Path file, int claims) throws IOException {
        List<String> sample = sampleLines("claims.csv");
        List<String> header = List.of(sample.get(0).split(",", -1));
        int id = header.indexOf("claim_id");
        int coPay = header.indexOf("co_pay");
        Map<String, List<String[]>> byClaim = new LinkedHashMap<>();
        for (String row : sample.subList(1, sample.size())) {
            String[] cells = row.split(",", -1); // the sample has no quoted values
            byClaim.computeIfAbsent(cells[id], k -> new ArrayList<>()).add(cells);
        }
        List<List<String[]>> shapes = new ArrayList<>(byClaim.values());
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(sample.get(0));
            w.write('\n');
            for (int n = 0; n < claims; n++) {
                for (String[] row : shapes.get(n % shapes.size())) {
                    String[] cells = row.clone();
                    cells[id] = cells[id] + "-" + n;
                    if (!cells[coPay].isEmpty()) {
                        cells[coPay] = new BigDecimal(cells[coPay]).multiply(BigDecimal.valueOf(1 + n % 5))
                                .toPlainString();
                    }
                    w.write(String.join(",", cells));
                    w.write('\n');
                }
            }
        }
    }
}
