package org.huzhu.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.huzhu.actuary.generate.PopulationGenerator;
import org.huzhu.actuary.generate.Shape;
import org.huzhu.actuary.population.Population;
import org.huzhu.actuary.population.PopulationWriter;
import org.huzhu.api.EvaluationRequest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code huzhu generate}: a synthetic population of one scheme's claims ({@link PopulationGenerator}), written as it
 * is drawn, so memory stays flat whatever {@code --claims}; JSON Lines or CSV by the file's extension, JSON Lines for
 * {@code --out -}. It loads no rulesets: the shape says everything it needs (README, "Generated populations").
 */
@Command(name = "generate", mixinStandardHelpOptions = true, version = "huzhu 0.1.0-SNAPSHOT",
        description = {"Writes a synthetic population of a scheme's claims, reproducible from the seed: the same "
                + "scheme, claims, seed and shape give the same bytes on any machine. Claims are ordered by member, "
                + "then date; each is valid input for its scheme's version in force. The shape (README, \"Generated "
                + "populations\") is the scheme's bundled one, changed by --shape and the flags below.",
                "Progress goes to standard error: a bar on a terminal, a line every few seconds elsewhere, then a "
                        + "summary; --quiet prints neither."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the population was written",
                "2:bad usage or input: an unknown option, a scheme without a bundled shape and no --shape, a shape "
                        + "file that cannot be read or has an unknown key or a value out of range, a year outside "
                        + "the scheme's coverage years, an output that cannot be written",
                "4:anything unexpected"})
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--scheme", required = true, paramLabel = "ID",
            description = "The scheme (wujin, shaoxing, ...); each claim names it, so its date picks the version.")
    String scheme;

    @Option(names = "--claims", required = true, paramLabel = "N",
            description = "How many claims (0.." + PopulationGenerator.MAX_CLAIMS + "); the first N of a larger "
                    + "population with the same seed.")
    long claims;

    @Option(names = "--seed", required = true, paramLabel = "S", description = "Any whole number (64-bit).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "A .jsonl/.ndjson or .csv file (replaced), or - for JSON Lines on standard output.")
    String out;

    @Option(names = "--year", paramLabel = "Y",
            description = "The coverage year (the one starting in Y); default: the scheme shape's (sets year).")
    Integer year;

    @Option(names = "--shape", paramLabel = "FILE",
            description = "A YAML shape file: the keys it gives change the scheme's shape (README lists every key "
                    + "and its default).")
    Path shape;

    @Option(names = "--self-pay-median", paramLabel = "YUAN",
            description = "Median 个人自理 of an inpatient stay (sets stays.selfPay.median).")
    BigDecimal selfPayMedian;

    @Option(names = "--self-pay-sigma", paramLabel = "SIGMA",
            description = "σ of the lognormal 个人自理 (sets stays.selfPay.sigma).")
    Double selfPaySigma;

    @Option(names = "--not-settled", paramLabel = "SHARE",
            description = "Share of stays not settled through MI (sets stays.notSettled).")
    Double notSettled;

    @Option(names = "--claims-per-member", paramLabel = "MEAN",
            description = "Mean number of stay claims a member makes in the year, at least 1 (sets "
                    + "claims.perMember.mean).")
    Double claimsPerMember;

    @Option(names = "--quiet", description = "No progress and no summary on standard error.")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final PrintStream stdout;
    private final PrintStream stderr;

    GenerateCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public Integer call() {
        if (claims < 0 || claims > PopulationGenerator.MAX_CLAIMS) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--claims must be 0.."
                    + PopulationGenerator.MAX_CLAIMS + ", was " + claims);
        }
        Map<String, Object> overrides = new LinkedHashMap<>();
        put(overrides, "year", year);
        put(overrides, "stays.selfPay.median", selfPayMedian);
        put(overrides, "stays.selfPay.sigma", selfPaySigma);
        put(overrides, "stays.notSettled", notSettled);
        put(overrides, "claims.perMember.mean", claimsPerMember);
        // The shape and the output's format first: a bad shape or extension is exit 2 before any file is made.
        PopulationGenerator generator = new PopulationGenerator(scheme, Shape.of(scheme, shape, overrides), seed);
        boolean toStdout = out.equals("-");
        Population.Format format = toStdout ? Population.Format.JSON_LINES : Population.Format.of(Path.of(out));
        long started = System.nanoTime();
        long written = 0;
        long members = 0;
        String lastMember = null;
        try (PopulationWriter writer = toStdout ? PopulationWriter.of(format, unclosed(stdout))
                : PopulationWriter.open(Path.of(out));
             StderrProgress progress = StderrProgress.start(stderr, "huzhu generate", claims, "claims", quiet)) {
            for (Iterator<EvaluationRequest> it = generator.iterator(claims); it.hasNext(); ) {
                EvaluationRequest request = it.next();
                writer.write(request);
                written++;
                String member = request.claim().member().id();
                if (!member.equals(lastMember)) {
                    members++;
                    lastMember = member;
                }
                if ((written & 0x3ff) == 0) {
                    progress.update(written, counts(written, members, started));
                }
            }
            progress.update(written, counts(written, members, started));
        }
        if (!quiet) {
            double seconds = (System.nanoTime() - started) / 1e9;
            stderr.println(String.format(Locale.ROOT, "huzhu generate: %,d claims of %,d members of %s %d, seed %d,"
                            + " to %s (%,.0f claims/s, %.1f s)", written, members, scheme,
                    generator.shape().year(), seed, toStdout ? "standard output" : out,
                    seconds <= 0 ? 0 : written / seconds, seconds));
        }
        return Huzhu.EXIT_OK;
    }

    private static void put(Map<String, Object> overrides, String key, Object value) {
        if (value != null) {
            overrides.put(key, value);
        }
    }

    private static String counts(long written, long members, long started) {
        double seconds = (System.nanoTime() - started) / 1e9;
        return String.format(Locale.ROOT, "%,d claims, %,d members, %,.0f claims/s", written, members,
                seconds <= 0 ? 0 : written / seconds);
    }

    /** Standard output, flushed but left open when the writer closes. */
    private static OutputStream unclosed(PrintStream stdout) {
        return new FilterOutputStream(stdout) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
