package org.huzhu.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.huzhu.actuary.population.Population;
import org.huzhu.actuary.simulate.Scenario;
import org.huzhu.actuary.simulate.Simulation;
import org.huzhu.actuary.simulate.SimulationFiles;
import org.huzhu.actuary.simulate.SimulationSummary;
import org.huzhu.api.Language;
import org.huzhu.api.RulesetId;
import org.huzhu.api.SubsidyEngine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code huzhu simulate}: every claim of a population under a baseline version and another one, each member's history
 * carried per scenario ({@link Simulation}), written to a folder as the per-claim CSV, the summary JSON and the HTML
 * report ({@link SimulationFiles}); README, "Simulation".
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, version = "huzhu 0.1.0-SNAPSHOT",
        description = {"Evaluates every claim of a population (JSON Lines or CSV, sorted by member id, then claim "
                + "date, as huzhu generate writes it) under the baseline version and under the version it is "
                + "compared with, each as a what-if, carrying each member's payments and stays forward separately "
                + "under each. Writes to --out DIR: claims.csv (a row per entry: both amounts, the delta, the kinds, "
                + "the errors), summary.json (costs, delta, mean and percentiles, by kind, by the baseline's band, "
                + "winners and losers, errors) and report.html (one file with the headline figures and charts, "
                + "offline). README, \"Simulation\", defines every figure.",
                "Every entry ends as a row: a claim that fails, or is out of order, is an error row. Progress goes "
                        + "to standard error: a bar on a terminal, a line every few seconds elsewhere, then a "
                        + "summary; --quiet prints neither."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every entry was decided under both",
                "1:the outputs are complete, but some entries are error rows",
                "2:bad usage or input: a version that is not ID@VERSION or not loaded, versions of two schemes, a "
                        + "population that cannot be read at all (no such file, an unknown extension, a refused "
                        + "CSV header, a read error), an --out that is not a folder",
                "3:a ruleset was refused (cannot load)",
                "4:engine error: the engine failed outside any one entry, or anything unexpected"})
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--population", required = true, paramLabel = "FILE",
            description = "The population: a .jsonl/.ndjson or .csv file, sorted by member id, then claim date.")
    Path population;

    @Option(names = "--baseline", required = true, paramLabel = "ID@VERSION",
            description = "The version the population is paid under today, e.g. wujin@2024.")
    String baseline;

    @Option(names = "--versus", paramLabel = "ID@VERSION",
            description = "The version to compare it with, of the same scheme, e.g. quzhou@2016 against quzhou@2015 "
                    + "(or --reform).")
    String versus;

    @Option(names = "--reform", paramLabel = "FILE",
            description = "A reform file to compare with the baseline (or --versus): its base must be the baseline, "
                    + "e.g. examples/reforms/shaoxing-70-40000.yaml against shaoxing@2015.")
    Path reform;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "The folder for claims.csv, summary.json and report.html (made if missing; those files "
                    + "are replaced).")
    Path out;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "zh",
            description = "zh or en: the language of the report (default: ${DEFAULT-VALUE}).")
    Huzhu.Lang lang;

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads (default: one per processor); the outputs do not depend on it.")
    Integer threads;

    @Option(names = "--chunk", paramLabel = "N", defaultValue = "" + Simulation.DEFAULT_CHUNK_CLAIMS,
            description = "Claims per chunk of whole members handed to a worker (default: ${DEFAULT-VALUE}); memory "
                    + "grows with N × threads, not with the population.")
    int chunk;

    @Option(names = "--quiet", description = "No progress and no summary on standard error.")
    boolean quiet;

    @Mixin
    Huzhu.Folders folders = new Huzhu.Folders();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final PrintStream stderr;

    SimulateCommand(PrintStream stderr) {
        this.stderr = stderr;
    }

    @Override
    public Integer call() throws IOException {
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (workers < 1 || chunk < 1) {
            throw usage("--threads and --chunk must be at least 1");
        }
        pinned("--baseline", baseline);
        if ((versus == null) == (reform == null)) {
            throw usage("give exactly one of --versus ID@VERSION and --reform FILE");
        }
        if (versus != null) {
            pinned("--versus", versus);
        }
        if (versus != null && !RulesetId.parse(baseline).scheme().equals(RulesetId.parse(versus).scheme())) {
            throw usage("--baseline " + baseline + " and --versus " + versus + " are versions of different "
                    + "schemes; a simulation compares versions of one scheme");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw usage("--out " + out + " is a file, not a folder");
        }
        // The input first: a missing file or a refused header is exit 2 before the rulesets load.
        Population.Format format = Population.Format.of(population);
        long size = Files.isRegularFile(population) ? Files.size(population) : -1;
        CountingInputStream counted = new CountingInputStream(Huzhu.openInput(population));
        try (Population claims = format.read(counted, population.toString())) {
            // The simulation brings its own threads (whole members per worker), so the engines keep to the caller's.
            SubsidyEngine engine = engine(null);
            Simulation simulation;
            try {
                Scenario other = versus != null ? Scenario.of(engine, versus) : reformScenario(engine(reform));
                simulation = new Simulation(Scenario.of(engine, baseline), other, workers, chunk);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
            long started = System.nanoTime();
            SimulationSummary summary;
            try (StderrProgress progress = StderrProgress.start(stderr, "huzhu simulate", size,
                    size >= 10L << 20 ? "MiB" : "KiB", size >= 10L << 20 ? 1 << 20 : 1 << 10, quiet)) {
                summary = SimulationFiles.write(simulation, claims, out, Language.of(lang.name()),
                        done -> progress.update(size > 0 ? counted.count() : done, counts(done, started)
                                + (size > 0 ? String.format(Locale.ROOT, " (%d%% read)",
                                Math.min(100, counted.count() * 100 / size)) : "")));
            }
            if (!quiet) {
                stderr.println(summaryLine(summary, started));
            }
            boolean errors = summary.baseline().errors() > 0 || summary.reform().errors() > 0;
            return errors ? Huzhu.EXIT_FAILURES : Huzhu.EXIT_OK;
        }
    }

    private void pinned(String option, String id) {
        if (!RulesetId.parse(id).pinned()) {
            throw usage(option + " must name a version, ID@VERSION (e.g. " + id + "@2024), not '" + id + "'");
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** An engine on the bundled and --rulesets versions, with the reform when one is given. */
    private SubsidyEngine engine(Path reformFile) {
        SubsidyEngine.Builder builder = SubsidyEngine.builder().parallelism(1);
        folders.folders.forEach(builder::addRulesetFolder);
        if (reformFile != null) {
            builder.reform(reformFile);
        }
        return builder.build();
    }

    /** The reform's scenario: named as the reform, deciding the baseline's version (which the reform replaces). */
    private Scenario reformScenario(SubsidyEngine withReform) {
        org.huzhu.api.RulesetInfo info = withReform.rulesets().stream().filter(r -> r.reform() != null).findFirst()
                .orElseThrow(() -> usage("--reform " + reform + " holds no reform"));
        if (!info.id().equals(baseline)) {
            throw usage("--reform " + reform + " changes " + info.id() + ", not the baseline " + baseline);
        }
        return new Scenario(info.reform().name(), withReform, baseline);
    }

    private static String counts(long done, long started) {
        double seconds = (System.nanoTime() - started) / 1e9;
        return String.format(Locale.ROOT, "%,d claims, %,.0f claims/s", done, seconds <= 0 ? 0 : done / seconds);
    }

    private String summaryLine(SimulationSummary s, long started) {
        double seconds = (System.nanoTime() - started) / 1e9;
        String errors = s.baseline().errorsByCode().entrySet().stream()
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%,d", e.getValue()))
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "huzhu simulate: %,d claims of %,d members; %s %s yuan, %s %s yuan, "
                        + "delta %s yuan; %,d and %,d errors%s; to %s (%,.0f claims/s, %.1f s)", s.claims(),
                s.members(), s.baseline().name(), s.baseline().cost().toPlainString(), s.reform().name(),
                s.reform().cost().toPlainString(), s.delta().toPlainString(), s.baseline().errors(),
                s.reform().errors(), errors.isEmpty() ? "" : " (baseline: " + errors + ")", out,
                seconds <= 0 ? 0 : s.claims() / seconds, seconds);
    }
}
