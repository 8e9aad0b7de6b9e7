package org.huzhu.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.huzhu.actuary.generate.PopulationGenerator;
import org.huzhu.actuary.generate.Shape;
import org.huzhu.actuary.population.Population;
import org.huzhu.actuary.population.PopulationEntry;
import org.huzhu.actuary.population.PopulationWriter;
import org.huzhu.actuary.simulate.Scenario;
import org.huzhu.actuary.simulate.Simulation;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.SubsidyEngine;

/**
 * {@code huzhu simulate} speed and heap (benchmarks/README.md, "Simulation"): a measuring harness, not JMH, since the
 * figures asked for are a whole run's rate and its peak heap. The population is generated Wujin 2024 claims (seed 42);
 * the baseline is wujin@2024 and the version compared with is the wujin@2025 test fixture (two bands changed), read
 * from RULESETS (default actuary/src/test/resources/simulate/rulesets, run from the repository's root).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.huzhu.benchmarks.SimulateThroughput run CLAIMS[,CLAIMS...] [HEAP=256m] [FORMAT=jsonl] [RULESETS] [DIR=target/simulate]
 * java -cp benchmarks/target/benchmarks.jar org.huzhu.benchmarks.SimulateThroughput parts [CLAIMS=200000] [ROUNDS=3] [RULESETS]
 * </pre>
 *
 * {@code run} writes the population to DIR (once per count and format, kept for the next run), then starts the tool,
 * {@code huzhu simulate --population FILE --baseline wujin@2024 --versus wujin@2025 --out DIR/out}, in a fresh JVM with
 * {@code -Xmx HEAP} and the GC log, and reports its summary's claims/s (evaluations/s are twice that: each claim is
 * evaluated under both), the wall time, the largest heap after a collection (what the run keeps) and before one.
 *
 * <p>{@code parts} splits the time in this JVM over claims held in a list (no reading): {@code evaluateAll} under both
 * versions in chunks of 1,024 with no history carried (the engine's own rate, the floor of what simulate can reach
 * on one thread), the simulation on one thread, and on every processor; best of ROUNDS after a warm-up round.
 */
public final class SimulateThroughput {
    private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final Pattern RATE = Pattern.compile("\\(([\\d,]+) claims/s, ([\\d.]+) s\\)");
    private static final String DEFAULT_RULESETS = "actuary/src/test/resources/simulate/rulesets";

    private SimulateThroughput() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "run";
        if (mode.equals("parts")) {
            parts(args.length > 1 ? Integer.parseInt(args[1]) : 200_000, args.length > 2 ? Integer.parseInt(args[2]) : 3,
                    Path.of(args.length > 3 ? args[3] : DEFAULT_RULESETS));
            return;
        }
        String[] counts = (args.length > 1 ? args[1] : "100000,1000000").split(",");
        String heap = args.length > 2 ? args[2] : "256m";
        String format = args.length > 3 ? args[3] : "jsonl";
        Path rulesets = Path.of(args.length > 4 ? args[4] : DEFAULT_RULESETS);
        Path dir = Path.of(args.length > 5 ? args[5] : "target/simulate");
        Files.createDirectories(dir);
        for (String count : counts) {
            run(dir, Long.parseLong(count), format, heap, rulesets);
        }
    }

    private static Path population(Path dir, long claims, String format) {
        Path file = dir.resolve("wujin-" + claims + "." + format);
        if (!Files.exists(file)) {
            try (PopulationWriter out = PopulationWriter.open(file)) {
                new PopulationGenerator("wujin", Shape.of("wujin"), 42).stream(claims).forEach(out::write);
            }
        }
        return file;
    }

    private static void run(Path dir, long claims, String format, String heap, Path rulesets)
            throws IOException, InterruptedException {
        Path population = population(dir, claims, format);
        Path log = dir.resolve("gc.log");
        Path err = dir.resolve("stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long started = System.nanoTime();
        Process p = new ProcessBuilder(java, "-Xmx" + heap, "-Xlog:gc:file=" + log, "-cp",
                System.getProperty("java.class.path"), "org.huzhu.cli.Huzhu", "simulate", "--population",
                population.toString(), "--baseline", "wujin@2024", "--versus", "wujin@2025", "--out",
                dir.resolve("out-" + claims).toString(), "--rulesets", rulesets.toString())
                .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        // The child's CPU time (every thread, the collector's included), read while it runs: on a machine shared with
        // other work the wall rate says more about the others than about simulate.
        Duration cpu = Duration.ZERO;
        while (!p.waitFor(200, TimeUnit.MILLISECONDS)) {
            cpu = p.toHandle().info().totalCpuDuration().orElse(cpu);
        }
        int exit = p.exitValue();
        double wall = (System.nanoTime() - started) / 1e9;
        List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
        String summary = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        Matcher rate = RATE.matcher(summary);
        boolean found = rate.find();
        long after = 0;
        long before = 0;
        long collections = 0;
        for (String line : Files.readAllLines(log)) {
            Matcher m = GC.matcher(line);
            if (m.find()) {
                collections++;
                before = Math.max(before, Long.parseLong(m.group(1)));
                after = Math.max(after, Long.parseLong(m.group(2)));
            }
        }
        double cpuSeconds = cpu.toMillis() / 1e3;
        System.out.printf(Locale.ROOT, "wujin %,d claims, %s, -Xmx%s, %d processors: exit %d, %s claims/s (the "
                        + "tool's, %s s; wall %.1f s with JVM start and engine build), CPU %.1f s (%,.0f claims per "
                        + "CPU second, start and build included), %d collections, largest heap after one %d MB, "
                        + "before one %d MB%n", claims, format, heap,
                Runtime.getRuntime().availableProcessors(), exit, found ? rate.group(1) : "?",
                found ? rate.group(2) : "?", wall, cpuSeconds, claims / cpuSeconds, collections, after, before);
        System.out.println("  " + summary);
        if (exit > 1) {
            System.out.println(String.join("\n", lines));
        }
    }

    private static void parts(int claims, int rounds, Path rulesets) {
        SubsidyEngine engine = SubsidyEngine.builder().addRulesetFolder(rulesets).build();
        List<EvaluationRequest> requests = new ArrayList<>(claims);
        new PopulationGenerator("wujin", Shape.of("wujin"), 42).stream(claims).forEach(requests::add);
        int cores = Runtime.getRuntime().availableProcessors();
        String[] names = {"evaluateAll x2, no history", "simulate, 1 thread", "simulate, " + cores + " threads"};
        double[] best = new double[names.length];
        for (int round = 0; round <= rounds; round++) {
            for (int part = 0; part < names.length; part++) {
                long started = System.nanoTime();
                long done = switch (part) {
                    case 0 -> evaluateBoth(engine, requests);
                    case 1 -> simulate(engine, requests, 1);
                    default -> simulate(engine, requests, cores);
                };
                double perSecond = done / ((System.nanoTime() - started) / 1e9);
                if (round > 0) {
                    best[part] = Math.max(best[part], perSecond);
                }
                System.out.printf(Locale.ROOT, "round %d: %-28s %,.0f claims/s%n", round, names[part], perSecond);
            }
        }
        for (int part = 0; part < names.length; part++) {
            System.out.printf(Locale.ROOT, "best of %d: %-28s %,.0f claims/s (%,.0f evaluations/s)%n", rounds,
                    names[part], best[part], 2 * best[part]);
        }
    }

    private static long evaluateBoth(SubsidyEngine engine, List<EvaluationRequest> requests) {
        long decided = 0;
        for (int from = 0; from < requests.size(); from += 1024) {
            List<EvaluationRequest> chunk = requests.subList(from, Math.min(requests.size(), from + 1024));
            for (String version : List.of("wujin@2024", "wujin@2025")) {
                List<EvaluationRequest> pinned = chunk.stream()
                        .map(r -> new EvaluationRequest(version, r.claim(), r.history(), true)).toList();
                decided += engine.evaluateAll(pinned).stream().filter(r -> !r.failed()).count();
            }
        }
        return decided / 2;
    }

    private static long simulate(SubsidyEngine engine, List<EvaluationRequest> requests, int threads) {
        Simulation simulation = new Simulation(Scenario.of(engine, "wujin@2024"), Scenario.of(engine, "wujin@2025"),
                threads, Simulation.DEFAULT_CHUNK_CLAIMS);
        long[] rows = new long[1];
        simulation.run(new InMemory(requests), o -> rows[0]++, done -> { });
        return rows[0];
    }

    /** A population of requests held in a list. */
    private static final class InMemory implements Population {
        private final List<EvaluationRequest> requests;
        private int next;

        InMemory(List<EvaluationRequest> requests) {
            this.requests = requests;
        }

        @Override
        public boolean hasNext() {
            return next < requests.size();
        }

        @Override
        public PopulationEntry next() {
            int i = next++;
            return PopulationEntry.of(i, "memory:" + (i + 1), requests.get(i));
        }

        @Override
        public void close() {
        }
    }
}
