package org.huzhu.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.huzhu.actuary.population.Population;
import org.huzhu.actuary.population.PopulationEntry;
import org.huzhu.api.Decision;
import org.huzhu.api.EvaluationError;
import org.huzhu.api.EvaluationResult;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.Language;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.SubsidyEngine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code huzhu batch}: evaluates a population read as a stream (JSON Lines or CSV), a chunk at a time with
 * {@link SubsidyEngine#evaluateAll}, and writes one {@link ResultLine} per entry in input order, so memory stays flat
 * whatever the input's size.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, version = "huzhu 0.1.0-SNAPSHOT",
        description = {"Evaluates a population of claims (JSON Lines: one request per line; CSV: README, \"CSV "
                + "populations\") as a stream and writes one JSON line per entry, in input order: "
                + "{\"index\",\"where\",\"claimId\",\"decision\"} or {…,\"error\":{\"code\",\"field\",\"message\"}} "
                + "(schemas/batch-result.schema.json). Every entry ends as a decision or an error line.",
                "Progress goes to standard error: a bar on a terminal, a line every few seconds elsewhere, then a "
                        + "summary (entries, decided, errors by code, claims/s); --quiet prints neither."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every entry was decided",
                "1:the output is complete, but some entries are error lines",
                "2:bad usage, or the input cannot be read at all (no such file, a refused CSV header, a read error)",
                "3:a ruleset was refused (cannot load)",
                "4:engine error: the engine failed outside any one entry, or anything unexpected"})
final class BatchCommand implements Callable<Integer> {
    /** The input formats, for {@code --in-format}. */
    enum InFormat {
        jsonl(Population.Format.JSON_LINES), csv(Population.Format.CSV);

        final Population.Format format;

        InFormat(Population.Format format) {
            this.format = format;
        }
    }

    @Option(names = "--in", required = true, paramLabel = "FILE",
            description = "The population: a .jsonl/.ndjson or .csv file, or - for standard input (with --in-format).")
    String in;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Where the result lines go: a file (replaced), or - for standard output.")
    String out;

    @Option(names = "--in-format", paramLabel = "FORMAT",
            description = "jsonl or csv: the input's format, instead of its extension (required for --in -).")
    InFormat inFormat;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "zh",
            description = "zh or en: the language of the decisions' texts (default: ${DEFAULT-VALUE}, whatever the "
                    + "machine's locale).")
    Huzhu.Lang lang;

    @Option(names = "--chunk", paramLabel = "N", defaultValue = "1024",
            description = "Entries evaluated together with evaluateAll (default: ${DEFAULT-VALUE}); memory grows "
                    + "with N, not with the input.")
    int chunk;

    @Option(names = "--quiet", description = "No progress and no summary on standard error.")
    boolean quiet;

    @Option(names = "--reform", paramLabel = "FILE",
            description = "Evaluate with this reform file in place of its base version; each decision names the "
                    + "reform and its hash.")
    Path reform;

    @Mixin
    Huzhu.Folders folders = new Huzhu.Folders();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final InputStream stdin;
    private final PrintStream stdout;
    private final PrintStream stderr;

    BatchCommand(InputStream stdin, PrintStream stdout, PrintStream stderr) {
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public Integer call() throws IOException {
        if (chunk < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--chunk must be at least 1, was " + chunk);
        }
        boolean fromStdin = in.equals("-");
        if (fromStdin && inFormat == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--in - (standard input) needs --in-format jsonl or csv");
        }
        if (!fromStdin && !out.equals("-") && sameFile(Path.of(in), Path.of(out))) {
            // Opening --out would empty the input before it is read.
            throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + " is the input file");
        }
        // The input first: a missing file or a refused header is exit 2 before the rulesets load or --out is made.
        String source = fromStdin ? "<stdin>" : in;
        Population.Format format = inFormat != null ? inFormat.format : Population.Format.of(Path.of(in));
        long size = fromStdin ? -1 : sizeOf(Path.of(in));
        CountingInputStream counted = new CountingInputStream(fromStdin ? stdin : Huzhu.openInput(Path.of(in)));
        try (Population population = format.read(counted, source)) {
            // Every version compiled before the first claim: a refused ruleset is exit 3, not a million error lines.
            SubsidyEngine.Builder builder = SubsidyEngine.builder().compileAtBuild(true);
            folders.folders.forEach(builder::addRulesetFolder);
            if (reform != null) {
                builder.reform(reform);
            }
            SubsidyEngine engine = builder.build();
            // By content hash: a reform shares its base's scheme@version.
            Map<String, RulesetInfo> rulesets = engine.rulesets().stream()
                    .collect(Collectors.toMap(RulesetInfo::contentHash, r -> r, (first, same) -> first));
            Tally tally = new Tally(System.nanoTime());
            try (Writer output = output(); Progress progress = progress(size, counted)) {
                run(population, engine, rulesets, Language.of(lang.name()), output, tally, progress);
            }
            if (!quiet) {
                stderr.println(tally.summary(System.nanoTime()));
            }
            return tally.errors() == 0 ? Huzhu.EXIT_OK : Huzhu.EXIT_FAILURES;
        }
    }

    private void run(Population population, SubsidyEngine engine, Map<String, RulesetInfo> rulesets,
            Language language, Writer output, Tally tally, Progress progress) throws IOException {
        List<PopulationEntry> entries = new ArrayList<>(Math.min(chunk, 65_536));
        while (population.hasNext()) {
            entries.clear();
            while (entries.size() < chunk && population.hasNext()) {
                entries.add(population.next());
            }
            List<EvaluationResult> results = PopulationEntry.decideAll(engine, entries, UnaryOperator.identity());
            for (int i = 0; i < entries.size(); i++) {
                PopulationEntry e = entries.get(i);
                EvaluationResult r = results.get(i);
                String line;
                if (r.failed()) {
                    line = ResultLine.failed(e.index(), e.where(), e.claimId(), r.error());
                    tally.errorsByCode.merge(r.error().code(), 1L, Long::sum);
                } else {
                    Decision d = r.decision();
                    line = ResultLine.decided(e.index(), e.where(), e.request().claim().applicationDate(), d,
                            engine.texts(d), language, rulesets.get(d.rulesetHash()));
                    tally.decided++;
                }
                tally.entries++;
                output.write(line);
                output.write('\n');
            }
            progress.update(tally);
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1; // Huzhu.openInput says why
        }
    }

    /** The result lines' writer: standard output (flushed, left open) or the file, UTF-8 with \n line ends. */
    private Writer output() {
        if (out.equals("-")) {
            return new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), 1 << 16) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }
        try {
            return Files.newBufferedWriter(Path.of(out), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(out, "cannot be written: " + e.getMessage(), e);
        }
    }

    /** Counts of what was written, for progress and the summary. */
    private static final class Tally {
        final long started;
        long entries;
        long decided;
        final Map<EvaluationError.Code, Long> errorsByCode = new EnumMap<>(EvaluationError.Code.class);

        Tally(long started) {
            this.started = started;
        }

        long errors() {
            return entries - decided;
        }

        double perSecond(long now) {
            double seconds = (now - started) / 1e9;
            return seconds <= 0 ? 0 : entries / seconds;
        }

        String counts(long now) {
            return String.format(Locale.ROOT, "%,d entries, %,d decided, %,d errors, %,.0f claims/s", entries,
                    decided, errors(), perSecond(now));
        }

        String summary(long now) {
            String byCode = errorsByCode.entrySet().stream()
                    .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%,d", e.getValue()))
                    .collect(Collectors.joining(", "));
            return String.format(Locale.ROOT, "huzhu batch: %,d entries, %,d decided, %,d errors%s, %,.0f claims/s "
                            + "(%.1f s)", entries, decided, errors(), byCode.isEmpty() ? "" : " (" + byCode + ")",
                    perSecond(now), (now - started) / 1e9);
        }
    }

    /** Progress on standard error (a bar on a terminal, a plain line every few seconds elsewhere, or nothing). */
    private final class Progress implements AutoCloseable {
        private final StderrProgress shown;
        private final long size;
        private final CountingInputStream counted;

        Progress(long size, CountingInputStream counted) {
            // By bytes of a file (its size known), else by entries with no end.
            boolean large = size >= 10L << 20;
            this.shown = StderrProgress.start(stderr, "huzhu batch", size, size <= 0 ? "claims" : large ? "MiB" : "KiB",
                    size <= 0 ? 1 : large ? 1 << 20 : 1 << 10, quiet);
            this.size = size;
            this.counted = counted;
        }

        void update(Tally tally) {
            long now = System.nanoTime();
            String share = size > 0 ? String.format(Locale.ROOT, " (%d%% read)",
                    Math.min(100, counted.count() * 100 / size)) : "";
            shown.update(size > 0 ? counted.count() : tally.entries, tally.counts(now) + share);
        }

        @Override
        public void close() {
            shown.close();
        }
    }

    private Progress progress(long size, CountingInputStream counted) {
        return new Progress(size, counted);
    }
}
