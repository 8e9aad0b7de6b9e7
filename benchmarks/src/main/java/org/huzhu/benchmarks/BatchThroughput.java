package org.huzhu.benchmarks;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.huzhu.actuary.population.Population;
import org.huzhu.actuary.population.PopulationEntry;
import org.huzhu.api.Decision;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.EvaluationResult;
import org.huzhu.api.Language;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.api.json.HuzhuJson;
import org.huzhu.cli.BatchAccess;

/**
 * {@code huzhu batch} throughput and memory (benchmarks/README.md, "Batch"): a measuring harness, not JMH, because a
 * batch run is seconds long and its figure is the tool's own end-to-end rate.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.huzhu.benchmarks.BatchThroughput throughput [CLAIMS=20000] [ROUNDS=3]
 * java -cp benchmarks/target/benchmarks.jar org.huzhu.benchmarks.BatchThroughput heap CLAIMS [HEAP=256m] [csv|jsonl]
 * </pre>
 *
 * {@code throughput} generates CLAIMS claims (the shapes of examples/populations/claims.csv, each with its own id and
 * its co-pays times 1..5) as CSV and as JSON Lines, then, in one JVM, after a warm-up, ROUNDS rounds of: reading each
 * file alone; evaluateAll over the same requests held in a list (chunks of 1,024, as the tool's default); the same
 * plus rendering each decision's result line; and {@code huzhu batch} on each file to /dev/null (its summary's
 * claims/s, which leaves out building the engine). Each figure is claims per second of wall time and claims per
 * second of the process's CPU time (all threads, the collector's included; for batch, less what an empty batch
 * spends building its engine): on a shared machine the second moves less with the other work. Best of the rounds.
 *
 * <p>{@code heap} runs {@code huzhu batch} on a generated CSV (or JSON Lines) file of CLAIMS claims in a forked JVM with
 * {@code -Xmx HEAP} and the GC log, and reports the largest heap after a collection (what the run keeps) and before
 * one (what it ever used).
 */
public final class BatchThroughput {
    private static final int CHUNK = 1024;

    private BatchThroughput() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "throughput";
        Path dir = Files.createTempDirectory("huzhu-batch-bench");
        if (mode.equals("heap")) {
            int claims = Integer.parseInt(args[1]);
            heap(dir, claims, args.length > 2 ? args[2] : "256m", args.length > 3 ? args[3] : "csv");
        } else {
            throughput(dir, args.length > 1 ? Integer.parseInt(args[1]) : 20_000,
                    args.length > 2 ? Integer.parseInt(args[2]) : 3);
        }
    }

    private static void throughput(Path dir, int claims, int rounds) throws IOException {
        Path csv = dir.resolve("claims.csv");
        Path jsonl = dir.resolve("claims.jsonl");
        writeCsv(csv, claims);
        writeJsonLines(csv, jsonl);
        List<EvaluationRequest> requests = read(csv);
        if (!read(jsonl).equals(requests)) {
            throw new IllegalStateException("the JSON Lines file does not hold the CSV's requests");
        }
        SubsidyEngine engine = SubsidyEngine.builder().classpathRulesets(false).addRulesetFolder(Bundled.root())
                .build();
        Map<String, RulesetInfo> rulesets = new LinkedHashMap<>();
        engine.rulesets().forEach(r -> rulesets.put(r.id(), r));
        System.out.printf(Locale.ROOT, "%,d claims (%,d CSV rows, %,d bytes; JSON Lines %,d bytes), %d cores, "
                        + "max heap %d MB%n", claims, Files.lines(csv).count() - 1, Files.size(csv), Files.size(jsonl),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

        Path empty = Files.writeString(dir.resolve("empty.csv"), Files.readAllLines(csv).get(0) + "\n");
        Map<String, LongSupplier> runs = new LinkedHashMap<>();
        runs.put("read CSV only", () -> count(csv));
        runs.put("read JSON Lines only", () -> count(jsonl));
        runs.put("evaluateAll, in-memory list", () -> evaluateAll(engine, requests, null));
        runs.put("evaluateAll + result lines, in-memory list", () -> evaluateAll(engine, requests, rulesets));
        runs.put("huzhu batch, JSON Lines file", () -> batch(jsonl, claims));
        runs.put("huzhu batch, CSV file", () -> batch(csv, claims));
        // Warm-up: every path once on the whole input.
        runs.values().forEach(LongSupplier::getAsLong);
        Map<String, Double> bestWall = new LinkedHashMap<>();
        Map<String, Double> bestCpu = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            // What a batch run spends on building its engine, to take out of its CPU time.
            long buildCpu = cpu();
            batch(empty, 0);
            buildCpu = cpu() - buildCpu;
            for (Map.Entry<String, LongSupplier> run : runs.entrySet()) {
                long wall = System.nanoTime();
                long cpu = cpu();
                long reported = run.getValue().getAsLong();
                wall = System.nanoTime() - wall;
                cpu = cpu() - cpu;
                boolean batch = reported < 0;
                // batch reports its own wall rate (building the engine left out); the others are timed here
                double perWallSecond = batch ? -reported : claims / (wall / 1e9);
                double perCpuSecond = claims / (Math.max(1, cpu - (batch ? buildCpu : 0)) / 1e9);
                bestWall.merge(run.getKey(), perWallSecond, Math::max);
                bestCpu.merge(run.getKey(), perCpuSecond, Math::max);
                System.out.printf(Locale.ROOT, "  round %d  %-45s %,10.0f claims/s  %,10.0f claims per CPU s%n",
                        round + 1, run.getKey(), perWallSecond, perCpuSecond);
            }
        }
        System.out.println("best of " + rounds + " rounds:          claims/s (wall)  claims per CPU second (process)");
        bestWall.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-45s %,10.0f  %,10.0f%n", k, v,
                bestCpu.get(k)));
    }

    /** CPU time of the whole process (all threads, the collector's too), in nanoseconds. */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static List<EvaluationRequest> read(Path file) {
        List<EvaluationRequest> requests = new ArrayList<>();
        try (Population p = Population.open(file)) {
            p.forEachRemaining(e -> {
                if (e.failed()) {
                    throw new IllegalStateException(e.where() + ": " + e.error().message());
                }
                requests.add(e.request());
            });
        }
        return requests;
    }

    private static long count(Path file) {
        long n = 0;
        try (Population p = Population.open(file)) {
            for (; p.hasNext(); n++) {
                PopulationEntry e = p.next();
                if (e.failed()) {
                    throw new IllegalStateException(e.where());
                }
            }
        }
        return n;
    }

    private static long evaluateAll(SubsidyEngine engine, List<EvaluationRequest> requests,
            Map<String, RulesetInfo> render) {
        long chars = 0;
        for (int from = 0; from < requests.size(); from += CHUNK) {
            List<EvaluationResult> results = engine.evaluateAll(requests.subList(from,
                    Math.min(requests.size(), from + CHUNK)));
            for (EvaluationResult r : results) {
                if (r.failed()) {
                    throw new IllegalStateException(r.error().message());
                }
                if (render != null) {
                    Decision d = r.decision();
                    int at = from + Math.toIntExact(r.index());
                    chars += BatchAccess.decidedLine(at, "x", requests.get(at).claim().applicationDate(), d,
                            engine.texts(d), Language.ZH, render.get(d.rulesetId())).length();
                }
            }
        }
        return chars;
    }

    /** The summary line (progress lines end in "(n% read)" instead of the time). */
    private static final Pattern RATE = Pattern.compile("huzhu batch: ([\\d,]+) entries, ([\\d,]+) decided.*, "
            + "([\\d,]+) claims/s \\([\\d.]+ s\\)");

    /** {@code huzhu batch FILE --out /dev/null}: minus the claims/s of its summary. */
    private static long batch(Path file, int claims) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = BatchAccess.run(new ByteArrayInputStream(new byte[0]), new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), "batch", "--in", file.toString(), "--out",
                "/dev/null", "--rulesets", Bundled.root().toString());
        String summary = err.toString(StandardCharsets.UTF_8);
        Matcher m = RATE.matcher(summary);
        if (exit != 0 || !m.find() || Long.parseLong(m.group(2).replace(",", "")) != claims) {
            throw new IllegalStateException("batch exit " + exit + ": " + summary);
        }
        return -Long.parseLong(m.group(3).replace(",", ""));
    }


    private static void heap(Path dir, int claims, String maxHeap, String format)
            throws IOException, InterruptedException {
        Path csv = dir.resolve("claims.csv");
        writeCsv(csv, claims);
        if (format.equals("jsonl")) {
            Path jsonl = dir.resolve("claims.jsonl");
            writeJsonLines(csv, jsonl);
            Files.delete(csv);
            csv = jsonl;
        }
        Path log = dir.resolve("gc.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long started = System.nanoTime();
        Process p = new ProcessBuilder(java, "-Xmx" + maxHeap, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Xlog:gc:file=" + log, "-cp",
                System.getProperty("java.class.path"), "org.huzhu.cli.Huzhu", "batch", "--in", csv.toString(),
                "--out", "/dev/null", "--rulesets", Bundled.root().toString()).inheritIO().start();
        int exit = p.waitFor();
        double seconds = (System.nanoTime() - started) / 1e9;
        GcLog gc = GcLog.read(log);
        System.out.printf(Locale.ROOT, "%,d claims (%,d bytes of %s), -Xmx%s, exit %d, %.0f s: %d collections, "
                        + "largest heap after a collection %d MB, before one %d MB%n", claims, Files.size(csv), format,
                maxHeap, exit, seconds, gc.collections(), gc.largestAfterMb(), gc.largestBeforeMb());
    }

    /** The CSV population's requests as JSON Lines, a claim at a time. */
    private static void writeJsonLines(Path csv, Path jsonl) throws IOException {
        try (Population p = Population.open(csv);
             BufferedWriter w = Files.newBufferedWriter(jsonl, StandardCharsets.UTF_8)) {
            while (p.hasNext()) {
                w.write(HuzhuJson.mapper().writeValueAsString(p.next().request()));
                w.write('\n');
            }
        }
    }

    /** The sample's claims over and over, each with its own id and its co-pays times 1..5. */
    static void writeCsv(Path file, int claims) throws IOException {
        Path sample = Bundled.root().resolveSibling("examples").resolve("populations").resolve("claims.csv");
        List<String> lines = Files.readAllLines(sample, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(",", -1));
        int id = header.indexOf("claim_id");
        int coPay = header.indexOf("co_pay");
        Map<String, List<String[]>> byClaim = new LinkedHashMap<>();
        for (String row : lines.subList(1, lines.size())) {
            String[] cells = row.split(",", -1); // the sample has no quoted values
            byClaim.computeIfAbsent(cells[id], k -> new ArrayList<>()).add(cells);
        }
        List<List<String[]>> shapes = new ArrayList<>(byClaim.values());
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(lines.get(0));
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
