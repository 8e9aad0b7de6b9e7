package org.huzhu.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.huzhu.actuary.generate.PopulationGenerator;
import org.huzhu.actuary.generate.Shape;
import org.huzhu.actuary.population.Population;
import org.huzhu.actuary.population.PopulationEntry;
import org.huzhu.actuary.population.PopulationWriter;
import org.huzhu.actuary.simulate.Scenario;
import org.huzhu.actuary.simulate.Simulation;
import org.huzhu.actuary.simulate.SimulationFiles;
import org.huzhu.actuary.simulate.SimulationSummary;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.EvaluationResult;
import org.huzhu.api.Language;
import org.huzhu.api.SubsidyEngine;

/**
 * {@code huzhu simulate} speed and heap (benchmarks/README.md, "Simulation" and "Issue 10"): a measuring harness, not
 * JMH, since the figures asked for are whole runs over a million claims and their heap. The population is generated
 * Wujin 2024 claims, seed 7 (what {@code huzhu generate --scheme wujin --seed 7} writes); the baseline is wujin@2024
 * and the other scenario the reform {@code benchmarks/reforms/wujin-2024-bands.yaml} (two bands changed), so every
 * claim is evaluated twice. Run from the repository's root.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.huzhu.benchmarks.SimulateThroughput run CLAIMS[,CLAIMS...] [HEAP=256m] [FORMAT=jsonl] [DIR=target/simulate]
 * java -Xmx6g -cp benchmarks/target/benchmarks.jar org.huzhu.benchmarks.SimulateThroughput ceiling [CLAIMS=1000000] [ROUNDS=2] [THREADS=1,2] [DIR=target/simulate]
 * java -Xmx256m -Xlog:gc:file=gc.log -cp benchmarks/target/benchmarks.jar org.huzhu.benchmarks.SimulateThroughput heap FILE [EVERY=1000000] [THREADS]
 * </pre>
 *
 * {@code run} writes the population to DIR (once per count and format, kept for the next run), then starts the tool,
 * {@code huzhu simulate --population FILE --baseline wujin@2024 --reform REFORM --out DIR/out}, in a fresh JVM with
 * {@code -Xmx HEAP} and the GC log, and reports its summary's claims/s (evaluations/s are twice that), the wall time,
 * the process's CPU time, and the largest heap after a collection (what the run keeps) and before one.
 *
 * <p>{@code ceiling} holds the claims in a list and times, in this JVM, round after round, for each thread count:
 * <ul>
 * <li>{@code evaluateAll}: the claims under the baseline, then under the reform, each through
 * {@code evaluateAll(Iterator, Consumer)} on an engine of that {@code parallelism}, no history carried, nothing
 * written: the engine's own rate, the ceiling of what a simulation can reach;</li>
 * <li>{@code simulate, memory}: the {@link Simulation} over the list on that many threads (engines on the caller's
 * thread, as the tool builds them), its rows dropped: what carrying each member's history, the rounds of a chunk, the
 * hand-over and the tally cost over the ceiling;</li>
 * <li>{@code simulate, file}: what the tool does once its engines are built, {@link SimulationFiles#write} from the
 * JSON Lines file to a folder (the per-claim CSV, the summary, the report): reading and writing on top.</li>
 * </ul>
 * Each line gives evaluations/s (two per claim), the CPU the process used (all threads, the collector's included),
 * evaluations per CPU-second, and the ratio to the ceiling at the same thread count in the same round. The memory and
 * file simulations must give the same summary, and the file one the same as in every round.
 *
 * <p>{@code heap} runs {@link SimulationFiles#write} over a population file in this JVM and, every EVERY claims, forces
 * a full collection and prints the heap still used: what a simulation keeps, whatever the population's size.
 */
public final class SimulateThroughput {
    private static final Pattern RATE = Pattern.compile("\\(([\\d,]+) claims/s, ([\\d.]+) s\\)");
    static final String BASELINE = "wujin@2024";
    static final Path REFORM = Path.of("benchmarks/reforms/wujin-2024-bands.yaml");
    static final long SEED = 7;
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private SimulateThroughput() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "run";
        switch (mode) {
            case "ceiling" -> ceiling(args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000,
                    args.length > 2 ? Integer.parseInt(args[2]) : 2, args.length > 3 ? args[3] : "1,2",
                    Path.of(args.length > 4 ? args[4] : "target/simulate"));
            case "heap" -> heap(Path.of(args[1]), args.length > 2 ? Long.parseLong(args[2]) : 1_000_000,
                    args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors());
            case "run" -> {
                String[] counts = (args.length > 1 ? args[1] : "100000,1000000").split(",");
                String heap = args.length > 2 ? args[2] : "256m";
                String format = args.length > 3 ? args[3] : "jsonl";
                Path dir = Path.of(args.length > 4 ? args[4] : "target/simulate");
                Files.createDirectories(dir);
                for (String count : counts) {
                    run(dir, Long.parseLong(count), format, heap);
                }
            }
            default -> throw new IllegalArgumentException("mode: run, ceiling or heap, not " + mode);
        }
    }

    private static Path population(Path dir, long claims, String format) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("wujin-seed" + SEED + "-" + claims + "." + format);
        if (!Files.exists(file)) {
            try (PopulationWriter out = PopulationWriter.open(file)) {
                new PopulationGenerator("wujin", Shape.of("wujin"), SEED).stream(claims).forEach(out::write);
            }
        }
        return file;
    }

    private static void run(Path dir, long claims, String format, String heap)
            throws IOException, InterruptedException {
        Path population = population(dir, claims, format);
        Path log = dir.resolve("gc.log");
        Path err = dir.resolve("stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long started = System.nanoTime();
        Process p = new ProcessBuilder(java, "-Xmx" + heap, "-Xlog:gc:file=" + log, "-cp",
                System.getProperty("java.class.path"), "org.huzhu.cli.Huzhu", "simulate", "--population",
                population.toString(), "--baseline", BASELINE, "--reform", REFORM.toString(), "--out",
                dir.resolve("out-" + claims).toString())
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
        GcLog gc = GcLog.read(log);
        double cpuSeconds = cpu.toMillis() / 1e3;
        System.out.printf(Locale.ROOT, "wujin %,d claims, %s, -Xmx%s, %d processors, load %.1f: exit %d, %s claims/s "
                        + "(the tool's, %s s; wall %.1f s with JVM start and engine build), CPU %.1f s (%,.0f claims "
                        + "per CPU second, start and build included), %d collections, largest heap after one %d MB, "
                        + "before one %d MB%n", claims, format, heap, Runtime.getRuntime().availableProcessors(),
                OS.getSystemLoadAverage(), exit, found ? rate.group(1) : "?", found ? rate.group(2) : "?", wall,
                cpuSeconds, claims / cpuSeconds, gc.collections(), gc.largestAfterMb(), gc.largestBeforeMb());
        System.out.println("  " + summary);
        if (exit > 1) {
            System.out.println(String.join("\n", lines));
        }
    }

    // ---- ceiling -------------------------------------------------------------------------------------------------

    private static SubsidyEngine baselineEngine(int parallelism) {
        return SubsidyEngine.builder().parallelism(parallelism).build();
    }

    private static SubsidyEngine reformEngine(int parallelism) {
        return SubsidyEngine.builder().parallelism(parallelism).reform(REFORM).build();
    }

    private static Simulation simulation(int threads) {
        SubsidyEngine reform = reformEngine(1);
        String name = reform.rulesets().stream().filter(r -> r.reform() != null).findFirst().orElseThrow()
                .reform().name();
        return new Simulation(Scenario.of(baselineEngine(1), BASELINE), new Scenario(name, reform, BASELINE),
                threads, Simulation.DEFAULT_CHUNK_CLAIMS);
    }

    private static void ceiling(int claims, int rounds, String threadList, Path dir) throws IOException {
        Path file = population(dir, claims, "jsonl");
        List<EvaluationRequest> requests = new ArrayList<>(claims);
        new PopulationGenerator("wujin", Shape.of("wujin"), SEED).stream(claims).forEach(requests::add);
        int[] threads = java.util.Arrays.stream(threadList.split(",")).mapToInt(Integer::parseInt).toArray();
        System.out.printf(Locale.ROOT, "wujin %,d claims (seed %d) held in memory and in %s; %s versus the reform %s; "
                        + "%d processors, max heap %d MiB%n", claims, SEED, file, BASELINE, REFORM,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        SubsidyEngine[][] engines = new SubsidyEngine[threads.length][];
        Simulation[] simulations = new Simulation[threads.length];
        for (int t = 0; t < threads.length; t++) {
            engines[t] = new SubsidyEngine[] {baselineEngine(threads[t]), reformEngine(threads[t])};
            simulations[t] = simulation(threads[t]);
        }
        SimulationSummary expected = null;
        // Round 0 warms up (compiles both versions in every engine, the JIT); its figures are printed, not kept.
        for (int round = 0; round <= rounds; round++) {
            for (int t = 0; t < threads.length; t++) {
                Shot ceiling = Shot.start();
                long decided = evaluateAll(engines[t][0], requests) + evaluateAll(engines[t][1], requests);
                ceiling.end(round, "evaluateAll", threads[t], 2L * claims, null);
                if (decided != 2L * claims) {
                    throw new IllegalStateException(decided + " decisions of " + 2L * claims);
                }

                Shot memory = Shot.start();
                SimulationSummary inMemory = simulations[t].run(new InMemory(requests), o -> { }, done -> { });
                memory.end(round, "simulate, memory", threads[t], 2L * claims, ceiling);

                Shot fromFile = Shot.start();
                SimulationSummary written;
                try (Population population = Population.open(file)) {
                    written = SimulationFiles.write(simulations[t], population, dir.resolve("out-ceiling"),
                            Language.ZH, done -> { });
                }
                fromFile.end(round, "simulate, file", threads[t], 2L * claims, ceiling);

                if (!written.equals(inMemory) || (expected != null && !written.equals(expected))) {
                    throw new IllegalStateException("the simulations' summaries differ: " + written + " / "
                            + inMemory);
                }
                expected = written;
                if (written.baseline().errors() + written.reform().errors() > 0) {
                    throw new IllegalStateException("errors in the simulation: " + written);
                }
            }
        }
        System.out.printf(Locale.ROOT, "summary: %,d claims of %,d members; %s %s yuan, %s %s yuan%n",
                expected.claims(), expected.members(), expected.baseline().name(), expected.baseline().cost(),
                expected.reform().name(), expected.reform().cost());
    }

    /** The claims pinned to the baseline's version as what-ifs (as the simulation asks), decided, nothing kept. */
    private static long evaluateAll(SubsidyEngine engine, List<EvaluationRequest> requests) {
        Iterator<EvaluationRequest> claims = requests.iterator();
        Iterator<EvaluationRequest> pinned = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return claims.hasNext();
            }

            @Override
            public EvaluationRequest next() {
                EvaluationRequest r = claims.next();
                return new EvaluationRequest(BASELINE, r.claim(), r.history(), true);
            }
        };
        long[] decided = {0};
        BigDecimal[] total = {BigDecimal.ZERO};
        engine.evaluateAll(pinned, (EvaluationResult r) -> {
            if (!r.failed()) {
                decided[0]++;
                total[0] = total[0].add(r.decision().total());
            }
        });
        return decided[0];
    }

    /** Wall and process CPU time of one timed part, then its rates. */
    private static final class Shot {
        private final long wall = System.nanoTime();
        private final long cpu = OS.getProcessCpuTime();
        private final long gc = gcMillis();
        private double rate;
        private double perCpu;

        static Shot start() {
            return new Shot();
        }

        /** Prints the part's figures and keeps its rates, for the ratios of the parts after it. */
        void end(int round, String part, int threads, long evaluations, Shot ceiling) {
            double seconds = (System.nanoTime() - wall) / 1e9;
            double cpuSeconds = (OS.getProcessCpuTime() - cpu) / 1e9;
            double rate = evaluations / seconds;
            double perCpu = evaluations / cpuSeconds;
            String ratio = "";
            if (ceiling != null) {
                ratio = String.format(Locale.ROOT, "; ÷ evaluateAll: %.2f (wall), %.2f (per CPU-second)",
                        rate / ceiling.rate, perCpu / ceiling.perCpu);
            }
            this.rate = rate;
            this.perCpu = perCpu;
            System.out.printf(Locale.ROOT, "round %d, %d thread%s, %-17s %,10.0f evaluations/s, %6.1f s, CPU %6.1f s "
                            + "(%.2f cores), %,10.0f per CPU-second, gc %,d ms, load %.1f%s%n", round, threads,
                    threads == 1 ? ": " : "s:", part, rate, seconds, cpuSeconds, cpuSeconds / seconds, perCpu,
                    gcMillis() - gc, OS.getSystemLoadAverage(), ratio);
        }
    }

    private static long gcMillis() {
        long total = 0;
        for (java.lang.management.GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, b.getCollectionTime());
        }
        return total;
    }

    // ---- heap ----------------------------------------------------------------------------------------------------

    private static void heap(Path file, long every, int threads) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Simulation simulation = simulation(threads);
        System.out.printf(Locale.ROOT, "%s, %d threads, max heap %d MiB, a full GC every %,d claims%n", file, threads,
                Runtime.getRuntime().maxMemory() >> 20, every);
        long started = System.nanoTime();
        long[] next = {every};
        LongConsumer progress = done -> {
            if (done >= next[0]) {
                next[0] += every;
                System.gc();
                System.out.printf(Locale.ROOT, "%,13d claims: live heap after a full GC %6.1f MiB, %,.0f claims/s so "
                                + "far%n", done, memory.getHeapMemoryUsage().getUsed() / 1048576.0,
                        done / ((System.nanoTime() - started) / 1e9));
            }
        };
        SimulationSummary s;
        try (Population population = Population.open(file)) {
            s = SimulationFiles.write(simulation, population, Path.of("target/simulate/out-heap"), Language.ZH,
                    progress);
        }
        System.out.printf(Locale.ROOT, "done: %,d claims of %,d members, %,d and %,d errors, %.1f s%n", s.claims(),
                s.members(), s.baseline().errors(), s.reform().errors(), (System.nanoTime() - started) / 1e9);
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
