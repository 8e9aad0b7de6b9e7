package org.huzhu.spark;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.huzhu.actuary.simulate.Simulation;
import org.huzhu.actuary.simulate.SimulationFiles;
import org.huzhu.actuary.simulate.SimulationSummary;
import org.huzhu.api.HuzhuException;
import org.huzhu.api.Language;

/**
 * The entry point for {@code spark-submit}: {@code huzhu simulate} on a cluster (spark/README.md). Writes to
 * {@code --out} the same {@code summary.json}, {@code claims.csv} and {@code report.html} as the local tool.
 *
 * <pre>
 * spark-submit --class org.huzhu.spark.SparkSimulate ... huzhu-spark.jar \
 *     --population claims.jsonl --baseline shaoxing@2015 --reform shaoxing-70-40000.yaml --out out
 *     [--versus ID@VERSION] [--rulesets DIR]... [--partitions N] [--chunk N] [--lang zh|en]
 * </pre>
 *
 * Exit 0 when every entry was decided under both, 1 when the outputs hold error rows, 2 for bad usage or input, 4
 * when the job failed.
 * Without a master (run with {@code java}, not {@code spark-submit}) it runs in local mode on every core.
 */
public final class SparkSimulate {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILURES = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_UNEXPECTED = 4;

    private SparkSimulate() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    /** Parsed options; bad ones are {@link IllegalArgumentException}s naming the option. */
    record Options(String population, String baseline, String versus, Path reform, Path out, List<Path> rulesets,
            Integer partitions, int chunk, Language lang) {
        static Options parse(String[] args) {
            String population = null;
            String baseline = null;
            String versus = null;
            Path reform = null;
            Path out = null;
            List<Path> rulesets = new ArrayList<>();
            Integer partitions = null;
            int chunk = Simulation.DEFAULT_CHUNK_CLAIMS;
            Language lang = Language.of("zh");
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + ": a value is missing");
                }
                String value = args[++i];
                switch (option) {
                    case "--population" -> population = once(option, population, value);
                    case "--baseline" -> baseline = once(option, baseline, value);
                    case "--versus" -> versus = once(option, versus, value);
                    case "--reform" -> reform = Path.of(once(option, reform == null ? null : reform.toString(), value));
                    case "--out" -> out = Path.of(once(option, out == null ? null : out.toString(), value));
                    case "--rulesets" -> rulesets.add(Path.of(value));
                    case "--partitions" -> partitions = positive(option, value);
                    case "--chunk" -> chunk = positive(option, value);
                    case "--lang" -> {
                        if (!value.equals("zh") && !value.equals("en")) {
                            throw new IllegalArgumentException("--lang: zh or en, not '" + value + "'");
                        }
                        lang = Language.of(value);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + option + " (options: "
                            + "--population, --baseline, --versus, --reform, --out, --rulesets, --partitions, "
                            + "--chunk, --lang)");
                }
            }
            for (String[] required : new String[][] {{"--population", population}, {"--baseline", baseline},
                    {"--out", out == null ? null : out.toString()}}) {
                if (required[1] == null) {
                    throw new IllegalArgumentException(required[0] + " is required");
                }
            }
            if ((versus == null) == (reform == null)) {
                throw new IllegalArgumentException("give exactly one of --versus ID@VERSION and --reform FILE");
            }
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new IllegalArgumentException("--out " + out + " is a file, not a folder");
            }
            return new Options(population, baseline, versus, reform, out, rulesets, partitions, chunk, lang);
        }

        private static String once(String option, String was, String value) {
            if (was != null) {
                throw new IllegalArgumentException(option + " is given twice");
            }
            return value;
        }

        private static int positive(String option, String value) {
            try {
                int n = Integer.parseInt(value);
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(option + ": a whole number of at least 1, not '" + value + "'");
        }
    }

    static int run(String[] args, PrintStream err) {
        Options o;
        SimulationJob job;
        try {
            o = Options.parse(args);
            job = SimulationJob.plan(o.rulesets(), o.baseline(), o.versus(), o.reform(), o.chunk());
        } catch (IllegalArgumentException | HuzhuException e) {
            err.println("huzhu spark simulate: " + e.getMessage());
            return EXIT_USAGE;
        }
        // A session already running in this JVM (a notebook's, a test's) is used and left running.
        boolean ours = SparkSession.getDefaultSession().isEmpty();
        SparkSession.Builder builder = SparkSession.builder().appName("huzhu simulate");
        if (ours && !new org.apache.spark.SparkConf().contains("spark.master")) {
            builder.master("local[*]");
        }
        SparkSession spark = builder.getOrCreate();
        try {
            int partitions = o.partitions() != null ? o.partitions()
                    : Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions"));
            long started = System.nanoTime();
            Files.createDirectories(o.out());
            SimulationSummary summary;
            try (OutputStream claims = new BufferedOutputStream(
                    Files.newOutputStream(o.out().resolve(SimulationFiles.CLAIMS)), 1 << 16)) {
                summary = new SparkSimulation(spark, job, partitions)
                        .run(SparkPopulations.open(spark, o.population()), claims);
            }
            SimulationFiles.writeSummary(summary, o.out(), o.lang());
            double seconds = (System.nanoTime() - started) / 1e9;
            err.println(String.format(Locale.ROOT, "huzhu spark simulate: %,d claims of %,d members; %s %s yuan, "
                            + "%s %s yuan, delta %s yuan; %,d and %,d errors; to %s (%,.0f claims/s, %.1f s, "
                            + "%d partitions)", summary.claims(), summary.members(), summary.baseline().name(),
                    summary.baseline().cost().toPlainString(), summary.reform().name(),
                    summary.reform().cost().toPlainString(), summary.delta().toPlainString(),
                    summary.baseline().errors(), summary.reform().errors(), o.out(),
                    seconds <= 0 ? 0 : summary.claims() / seconds, seconds, partitions));
            boolean errors = summary.baseline().errors() > 0 || summary.reform().errors() > 0;
            return errors ? EXIT_FAILURES : EXIT_OK;
        } catch (HuzhuException e) {
            err.println("huzhu spark simulate: " + e.getMessage());
            return EXIT_USAGE;
        } catch (IOException e) {
            err.println("huzhu spark simulate: " + o.out() + ": " + e.getMessage());
            return EXIT_USAGE;
        } catch (RuntimeException e) {
            // A job that failed (a bundle whose rulesets differ from the driver's, an executor lost for good, ...).
            err.println("huzhu spark simulate: the job failed: " + e);
            e.printStackTrace(err);
            return EXIT_UNEXPECTED;
        } finally {
            if (ours) {
                spark.stop();
            }
        }
    }
}
