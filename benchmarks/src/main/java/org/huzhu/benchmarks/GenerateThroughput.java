package org.huzhu.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.huzhu.actuary.generate.PopulationGenerator;
import org.huzhu.actuary.generate.Shape;
import org.huzhu.actuary.population.Population;
import org.huzhu.actuary.population.PopulationWriter;
import org.huzhu.api.EvaluationRequest;

/**
 * {@code huzhu generate} speed, heap and file sizes (benchmarks/README.md, "Generated populations"): a measuring
 * harness, not JMH, since the figures asked for are a whole run's rate and its peak heap.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.huzhu.benchmarks.GenerateThroughput run CLAIMS[,CLAIMS...] [csv,jsonl] [HEAP=64m] [SCHEME=wujin] [DIR=target/generate]
 * java -cp benchmarks/target/benchmarks.jar org.huzhu.benchmarks.GenerateThroughput parts [CLAIMS=1000000] [SCHEME=wujin] [ROUNDS=3]
 * </pre>
 *
 * {@code run} starts the tool, {@code huzhu generate --scheme SCHEME --claims N --seed 42 --out DIR/SCHEME-N.FORMAT},
 * in a fresh JVM for each count and format, with {@code -Xmx HEAP} and the GC log, and reports its summary's claims/s,
 * the wall time, the largest heap after a collection (what the run keeps) and before one (the fullest the heap got,
 * bounded by {@code -Xmx}), and the file's size; the file is deleted after (keep it with {@code -Dkeep=true}).
 *
 * <p>{@code parts} splits the time in this JVM: drawing the claims alone, drawing and writing JSON Lines, drawing and
 * writing CSV, each to a stream that counts and drops the bytes; best of ROUNDS after a warm-up round.
 */
public final class GenerateThroughput {
    private static final Pattern RATE = Pattern.compile("\\(([\\d,]+) claims/s, ([\\d.]+) s\\)");

    private GenerateThroughput() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "run";
        if (mode.equals("parts")) {
            parts(args.length > 1 ? Long.parseLong(args[1]) : 1_000_000, args.length > 2 ? args[2] : "wujin",
                    args.length > 3 ? Integer.parseInt(args[3]) : 3);
            return;
        }
        String[] counts = (args.length > 1 ? args[1] : "1000000").split(",");
        String[] formats = (args.length > 2 ? args[2] : "csv,jsonl").split(",");
        String heap = args.length > 3 ? args[3] : "64m";
        String scheme = args.length > 4 ? args[4] : "wujin";
        Path dir = Path.of(args.length > 5 ? args[5] : "target/generate");
        Files.createDirectories(dir);
        for (String count : counts) {
            for (String format : formats) {
                run(dir, scheme, Long.parseLong(count), format, heap);
            }
        }
    }

    private static void run(Path dir, String scheme, long claims, String format, String heap)
            throws IOException, InterruptedException {
        Path out = dir.resolve(scheme + "-" + claims + "." + format);
        Path log = dir.resolve("gc.log");
        Path err = dir.resolve("stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long started = System.nanoTime();
        Process p = new ProcessBuilder(java, "-Xmx" + heap, "-Xlog:gc:file=" + log, "-cp",
                System.getProperty("java.class.path"), "org.huzhu.cli.Huzhu", "generate", "--scheme", scheme,
                "--claims", Long.toString(claims), "--seed", "42", "--out", out.toString())
                .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        int exit = p.waitFor();
        double wall = (System.nanoTime() - started) / 1e9;
        List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
        String summary = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        Matcher rate = RATE.matcher(summary);
        GcLog gc = GcLog.read(log);
        long size = Files.exists(out) ? Files.size(out) : -1;
        System.out.printf(Locale.ROOT, "%s %,d claims, %s, -Xmx%s: exit %d, %s claims/s (the tool's, %s s; wall %.1f s "
                        + "with JVM start), %d collections, largest heap after one %d MB, before one %d MB, file %,d "
                        + "bytes (%.0f a claim)%n", scheme, claims, format, heap, exit,
                rate.find() ? rate.group(1) : "?", rate.find(0) ? rate.group(2) : "?", wall, gc.collections(),
                gc.largestAfterMb(), gc.largestBeforeMb(), size, size / (double) claims);
        if (exit != 0) {
            System.out.println(String.join("\n", lines));
        }
        if (!Boolean.getBoolean("keep")) {
            Files.deleteIfExists(out);
        }
    }

    private static void parts(long claims, String scheme, int rounds) {
        PopulationGenerator g = new PopulationGenerator(scheme, Shape.of(scheme), 42);
        String[] names = {"draw only", "draw + JSON Lines", "draw + CSV"};
        double[] best = new double[names.length];
        for (int round = 0; round <= rounds; round++) {
            for (int part = 0; part < names.length; part++) {
                long started = System.nanoTime();
                long bytes = part == 0 ? drawOnly(g, claims)
                        : write(g, claims, part == 1 ? Population.Format.JSON_LINES : Population.Format.CSV);
                double perSecond = claims / ((System.nanoTime() - started) / 1e9);
                if (round > 0) {
                    best[part] = Math.max(best[part], perSecond);
                }
                System.out.printf(Locale.ROOT, "%s round %d: %s %,.0f claims/s (%,d bytes)%n", scheme, round,
                        names[part], perSecond, bytes);
            }
        }
        for (int part = 0; part < names.length; part++) {
            System.out.printf(Locale.ROOT, "best of %d: %-18s %,.0f claims/s%n", rounds, names[part], best[part]);
        }
    }

    private static long drawOnly(PopulationGenerator g, long claims) {
        long stays = 0;
        for (var it = g.iterator(claims); it.hasNext(); ) {
            EvaluationRequest r = it.next();
            stays += r.claim().stays().size();
        }
        return stays;
    }

    private static long write(PopulationGenerator g, long claims, Population.Format format) {
        Counting counted = new Counting();
        try (PopulationWriter out = PopulationWriter.of(format, counted)) {
            g.stream(claims).forEach(out::write);
        }
        return counted.bytes;
    }

    /** Counts the bytes and drops them. */
    private static final class Counting extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
