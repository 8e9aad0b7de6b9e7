package org.huzhu.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.huzhu.api.Decision;
import org.huzhu.api.EvaluationException;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.HuzhuException;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.Language;
import org.huzhu.api.RulesetException;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.api.UnknownRulesetException;
import org.huzhu.api.json.HuzhuJson;
import org.huzhu.engine.internal.RulesetSource;
import org.huzhu.testkit.CaseFiles;
import org.huzhu.testkit.CaseResult;
import org.huzhu.testkit.CaseRunner;
import org.huzhu.testkit.JUnitXml;
import org.huzhu.testkit.TestCase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code huzhu} command-line tool, on picocli: {@code huzhu list|show|evaluate|test}, each with {@code --help}.
 *
 * <pre>
 * huzhu list     [SCHEME] [--rulesets DIR]...
 * huzhu show     ID@VERSION [--format json|text] [--rulesets DIR]...
 * huzhu evaluate --claim FILE|- [--ruleset ID[@VERSION]] [--what-if] [--format json|text] [--lang zh|en] [--rulesets DIR]...
 * huzhu test     [PATH...] [--junit-xml DIR] [--rulesets DIR]...
 * </pre>
 *
 * Exit status (also in every command's {@code --help}):
 * <ul>
 *   <li>0: success;</li>
 *   <li>1: {@code test} found failures: a case that did not match, a ruleset under test that was refused (reported
 *       as a failed test, the others still run), a ruleset folder with no cases, or no cases at all;</li>
 *   <li>2: bad usage or input: an unknown option or command, a repeated single-valued option, a leftover argument,
 *       a claim or case file that cannot be read (for {@code test}, after every other case has run and been
 *       reported);</li>
 *   <li>3: a refused or broken ruleset ({@link RulesetException}, {@link org.huzhu.api.RulesetRefusedException}):
 *       {@code list} and {@code show} load and compile every ruleset and stop at the first; {@code evaluate} reads
 *       every ruleset's files and metadata but compiles only the version that decides, so it stops at a broken
 *       file anywhere and at a refused rule of that version; {@code test} exits 3 only when no ruleset under its
 *       paths could load;</li>
 *   <li>4: an engine error: an {@link EvaluationException} (a rule failed at run time) or anything unexpected.</li>
 * </ul>
 */
public final class Huzhu {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILURES = 1;
    static final int EXIT_INPUT = 2;
    static final int EXIT_RULESET = 3;
    static final int EXIT_ENGINE = 4;

    private static final String EXIT_HEADING = "%nExit codes:%n";
    private static final String EXIT_0 = "0:success";
    private static final String EXIT_1 = "1:test failures: a case failed, a ruleset under test was refused or has no"
            + " cases, or no cases were found";
    private static final String EXIT_2 = "2:bad usage or input: an unknown or repeated option, a leftover argument,"
            + " a claim or case file that cannot be read";
    private static final String EXIT_3 = "3:a ruleset was refused (cannot load)";
    private static final String EXIT_4 = "4:engine error: a rule failed at run time, or anything unexpected";

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    Huzhu(PrintStream out, PrintStream err) {
        this(System.in, out, err);
    }

    /** A tool reading {@code --claim -} from {@code in}. */
    Huzhu(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(runOnStandardStreams(args));
    }

    /**
     * What {@link #main} does before it exits: the tool on this process's standard streams, which it writes as
     * UTF-8 bytes whatever the platform's encodings ({@code file.encoding}, {@code stdout.encoding}).
     */
    static int runOnStandardStreams(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        // Drools warns of class reactivity for joins on the ClaimContext; rules never modify facts, so it is noise.
        System.setProperty("org.slf4j.simpleLogger.log.org.drools.mvel.MVELConstraint", "error");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        return new Huzhu(out, err).run(args);
    }

    int run(String[] args) {
        CommandLine cl = commandLine();
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        cl.setOut(outWriter);
        cl.setErr(errWriter);
        try {
            return cl.execute(args);
        } finally {
            outWriter.flush();
            errWriter.flush();
            out.flush();
            err.flush();
        }
    }

    /** The command tree, with strict parsing and the exit codes above. */
    CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Top());
        cl.addSubcommand(new ListCommand());
        cl.addSubcommand(new ShowCommand());
        cl.addSubcommand(new EvaluateCommand());
        cl.addSubcommand(new TestCommand());
        // The service refuses a broken ruleset before it listens, and its request threads are the parallelism.
        cl.addSubcommand(new ServeCommand(err, folders -> {
            SubsidyEngine.Builder b = SubsidyEngine.builder().compileAtBuild(true).parallelism(1);
            folders.forEach(b::addRulesetFolder);
            return b.build();
        }));
        cl.addSubcommand(new BatchCommand(in, out, err));
        cl.addSubcommand(new GenerateCommand(out, err));
        cl.addSubcommand(new DiffCommand(out));
        cl.addSubcommand(new SimulateCommand(err));
        cl.addSubcommand(new AllocateCommand(in, out));
        cl.addSubcommand(new CommandLine.HelpCommand());
        cl.setExpandAtFiles(false);                 // "@file" is a path, never an argument file
        cl.setOverwrittenOptionsAllowed(false);     // a second --claim is an error (picocli's default, said here)
        cl.setUnmatchedArgumentsAllowed(false);
        cl.setParameterExceptionHandler(Huzhu::usageError);
        cl.setExecutionExceptionHandler((e, command, parsed) -> failure(e));
        return cl;
    }

    /** Bad usage: the message, the nearest spellings, and where to find help; exit 2. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter w = command.getErr();
        w.println("huzhu: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, w);
        w.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
        w.flush();
        return EXIT_INPUT;
    }

    /** A command's failure as its exit code: 2 bad input, 3 a refused ruleset, 4 an engine error. */
    private int failure(Exception e) {
        if (e instanceof RulesetException) {
            err.println("huzhu: ruleset refused: " + e.getMessage());
            return EXIT_RULESET;
        }
        if (e instanceof EvaluationException) {
            err.println("huzhu: evaluation failed: " + e.getMessage());
            return EXIT_ENGINE;
        }
        if (e instanceof HuzhuException) {
            err.println("huzhu: error: " + e.getMessage());
            return EXIT_INPUT;
        }
        if (e instanceof java.io.UncheckedIOException u) {
            err.println("huzhu: error: " + u.getCause().getMessage());
            return EXIT_INPUT;
        }
        if (e instanceof java.nio.file.InvalidPathException) {
            err.println("huzhu: error: " + e.getMessage());
            return EXIT_INPUT;
        }
        err.println("huzhu: internal error: " + e);
        e.printStackTrace(err);
        return EXIT_ENGINE;
    }

    /** {@code --rulesets DIR}, which every command takes. */
    static final class Folders {
        @Option(names = "--rulesets", paramLabel = "DIR",
                description = "Add a folder of rulesets to the bundled ones (repeatable); a folder version with the "
                        + "same scheme@version replaces the bundled one.")
        List<Path> folders = new ArrayList<>();
    }

    /** The language of explanations, for {@code --lang}. */
    enum Lang { zh, en }

    /** The output format, for {@code --format}. */
    enum Format { text, json }

    @Command(name = "huzhu", mixinStandardHelpOptions = true, version = "huzhu 0.1.0-SNAPSHOT",
            description = "Evaluates mutual-aid subsidy claims against versioned rulesets, and tests rulesets.",
            synopsisSubcommandLabel = "COMMAND",
            commandListHeading = "%nCommands:%n",
            exitCodeListHeading = EXIT_HEADING, exitCodeList = {EXIT_0, EXIT_1, EXIT_2, EXIT_3, EXIT_4})
    final class Top implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            err.println("huzhu: missing command");
            spec.commandLine().usage(spec.commandLine().getErr());
            return EXIT_INPUT;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, version = "huzhu 0.1.0-SNAPSHOT",
            description = "Lists the loaded ruleset versions: scheme, version, effective dates, base, content hash, "
                    + "source (bundled or folder); under a folder version, its folder, the version it replaced "
                    + "(same scheme@version) and where its base was read.",
            exitCodeListHeading = EXIT_HEADING, exitCodeList = {EXIT_0, EXIT_2, EXIT_3, EXIT_4})
    final class ListCommand implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "SCHEME",
                description = "Only this scheme's versions (an unknown scheme is an error).")
        String scheme;

        @Mixin
        Folders folders = new Folders();

        @Override
        public Integer call() {
            SubsidyEngine engine = engine(folders.folders);
            List<RulesetInfo> shown = engine.rulesets().stream()
                    .filter(r -> scheme == null || r.scheme().equals(scheme)).toList();
            if (shown.isEmpty() && scheme != null) {
                throw new UnknownRulesetException("no scheme '" + scheme + "'; loaded: " + engine.rulesets().stream()
                        .map(RulesetInfo::scheme).distinct().collect(Collectors.joining(", ")));
            }
            out.printf("%-22s %-10s %-12s %-12s %-16s %-18s %-8s %s%n", "RULESET", "VERSION", "FROM", "TO",
                    "EXTENDS", "SHA-256", "SOURCE", "NAME");
            for (RulesetInfo r : shown) {
                out.printf("%-22s %-10s %-12s %-12s %-16s %-18s %-8s %s / %s%n", r.scheme(), r.version(),
                        r.effectiveFrom(), r.effectiveTo() == null ? "(open)" : r.effectiveTo(),
                        r.base() == null ? "-" : r.base(), r.contentHash().substring(0, 16),
                        RulesetInfo.isBundled(r.origin()) ? "bundled" : "folder", r.nameZh(), r.nameEn());
                String origins = RulesetText.origins(r);
                if (origins != null) {
                    out.println("  " + origins);
                }
            }
            return EXIT_OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, version = "huzhu 0.1.0-SNAPSHOT",
            description = "Shows one loaded version: its parameters in force (value, type, provenance, the version "
                    + "that sets each) and its rule files, each with the version it comes from.",
            exitCodeListHeading = EXIT_HEADING, exitCodeList = {EXIT_0, EXIT_2, EXIT_3, EXIT_4})
    final class ShowCommand implements Callable<Integer> {
        @Parameters(arity = "1", paramLabel = "ID@VERSION", description = "The version to show, e.g. jinhua@phase3.")
        String wanted;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
                description = "text or json (default: ${DEFAULT-VALUE}).")
        Format format;

        @Mixin
        Folders folders = new Folders();

        @Override
        public Integer call() {
            SubsidyEngine engine = engine(folders.folders);
            RulesetInfo info = engine.rulesets().stream().filter(r -> r.id().equals(wanted)).findFirst()
                    .orElse(null);
            if (info == null) {
                String scheme = wanted.contains("@") ? wanted.substring(0, wanted.indexOf('@')) : wanted;
                List<String> versions = engine.rulesets().stream().filter(r -> r.scheme().equals(scheme))
                        .map(RulesetInfo::id).toList();
                throw new UnknownRulesetException((wanted.contains("@") ? "no ruleset " + wanted : "show needs "
                        + "ID@VERSION, not '" + wanted + "'") + (versions.isEmpty() ? "; loaded: "
                        + engine.rulesets().stream().map(RulesetInfo::id).collect(Collectors.joining(", "))
                        : "; versions: " + String.join(", ", versions)));
            }
            out.print(format == Format.json ? RulesetText.json(info) + "\n" : RulesetText.format(info));
            return EXIT_OK;
        }
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true, version = "huzhu 0.1.0-SNAPSHOT",
            description = "Evaluates one claim (an EvaluationRequest in JSON) and prints the decision.",
            exitCodeListHeading = EXIT_HEADING, exitCodeList = {EXIT_0, EXIT_2, EXIT_3, EXIT_4})
    final class EvaluateCommand implements Callable<Integer> {
        @Option(names = "--claim", paramLabel = "FILE", required = true,
                description = "The request: a JSON file, or - to read it from standard input.")
        String claim;

        @Option(names = "--ruleset", paramLabel = "ID[@VERSION]",
                description = "Evaluate with this scheme (the version in force on the claim date) or this version, "
                        + "instead of the request's.")
        String ruleset;

        @Option(names = "--what-if", description = "A what-if: compute under the pinned --ruleset version even when it is not in force "
                + "on the claim date (the decision says whatIf and warns; never a decision to pay on).")
        boolean whatIf;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
                description = "text or json (default: ${DEFAULT-VALUE}).")
        Format format;

        @Option(names = "--lang", paramLabel = "LANG", defaultValue = "zh",
                description = "zh or en: the language of explanations, refusals, warnings and names (default: "
                        + "${DEFAULT-VALUE}, the schemes' own language; never the machine's locale, so that a request "
                        + "gives the same bytes on any machine).")
        Lang lang;

        @Option(names = "--reform", paramLabel = "FILE",
                description = "Evaluate with this reform file in place of its base version (e.g. "
                        + "examples/reforms/shaoxing-70-40000.yaml); the decision names the reform and its hash.")
        Path reform;

        @Mixin
        Folders folders = new Folders();

        @Override
        public Integer call() {
            String location = claim.equals("-") ? "<stdin>" : claim;
            byte[] text; // bytes, so that HuzhuJson decodes strictly and names the offset of a non-UTF-8 byte
            try {
                text = claim.equals("-") ? in.readAllBytes() : Files.readAllBytes(Path.of(claim));
            } catch (IOException e) {
                throw new InvalidInputException(location, "cannot be read: " + e.getMessage());
            }
            EvaluationRequest request = HuzhuJson.read(text, EvaluationRequest.class, location);
            if (ruleset != null || whatIf) {
                request = new EvaluationRequest(ruleset != null ? ruleset : request.ruleset(), request.claim(),
                        request.history(), request.whatIf() || whatIf);
            }
            Language language = Language.of(lang.name());
            SubsidyEngine.Builder builder = SubsidyEngine.builder().compileAtBuild(false);
            folders.folders.forEach(builder::addRulesetFolder);
            if (reform != null) {
                builder.reform(reform);
            }
            SubsidyEngine engine = builder.build();
            Decision d = engine.evaluate(request);
            org.huzhu.api.Texts texts = engine.texts(d);
            out.print(format == Format.json ? DecisionJson.write(d, texts, language, engine.ruleset(d)) + "\n"
                    : DecisionText.format(d, texts, language));
            return EXIT_OK;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true, version = "huzhu 0.1.0-SNAPSHOT",
            description = "Loads the rulesets under the paths (so a working copy is what is tested), runs their "
                    + "cases/*.yaml, prints each mismatch, the rule coverage, and N passed, N failed.",
            exitCodeListHeading = EXIT_HEADING, exitCodeList = {EXIT_0, EXIT_1, EXIT_2, EXIT_3, EXIT_4})
    final class TestCommand implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "PATH",
                description = "Ruleset folders or case files (default: rulesets/).")
        List<Path> paths = new ArrayList<>();

        @Option(names = "--junit-xml", paramLabel = "DIR",
                description = "Also write JUnit XML reports (one suite per ruleset) into DIR.")
        Path junitXml;

        @Mixin
        Folders folders = new Folders();

        @Override
        public Integer call() {
            return test(paths, folders.folders, junitXml);
        }
    }

    /**
     * The engine for {@code list} and {@code show}: they compile every ruleset at build, so that a refused one is
     * reported (exit 3) whichever is asked for ({@code evaluate} compiles only the version that decides).
     */
    private SubsidyEngine engine(List<Path> folders) {
        SubsidyEngine.Builder b = SubsidyEngine.builder().compileAtBuild(true);
        folders.forEach(b::addRulesetFolder);
        return b.build();
    }

    /** An engine that leaves out (and hands to {@code refused}) every ruleset that cannot load. */
    private SubsidyEngine engine(List<Path> folders, List<RulesetException> refused) {
        SubsidyEngine.Builder b = SubsidyEngine.builder().compileAtBuild(true).onRulesetError(refused::add);
        folders.forEach(b::addRulesetFolder);
        return b.build();
    }

    /** Runs the rulesets' cases under the paths; see {@link TestCommand}. */
    private int test(List<Path> given, List<Path> rulesetFolders, Path junitXml) {
        List<Path> paths = given.isEmpty() ? List.of(Path.of("rulesets")) : given;
        // Rulesets under the paths are loaded from there, so that a working copy is what gets tested.
        Set<Path> folders = new LinkedHashSet<>(rulesetFolders);
        List<Path> caseFiles = new ArrayList<>();
        List<Path> tested = new ArrayList<>();   // the version folders under test, named as the engine names them
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new InvalidInputException(p.toString(), "does not exist");
            }
            Path rulesetRoot = Files.isDirectory(p) ? p : rulesetFolderOf(p);
            if (rulesetRoot != null) {
                folders.add(rulesetRoot);
                tested.addAll(RulesetSource.versionFolders(rulesetRoot));
            }
            caseFiles.addAll(caseFilesUnder(p));
        }
        List<RulesetException> refused = new ArrayList<>();
        SubsidyEngine engine = engine(new ArrayList<>(folders), refused);
        List<Path> knownFolders = new ArrayList<>(tested);
        for (Path f : rulesetFolders) {
            knownFolders.addAll(RulesetSource.versionFolders(f));
        }
        List<CaseResult> results = new ArrayList<>();
        // A refused ruleset is one failed test with its message; its own cases are not run.
        Set<Path> refusedFolders = new LinkedHashSet<>();
        for (RulesetException e : refused) {
            Path folder = folderOf(e, knownFolders);
            if (folder != null) {
                refusedFolders.add(key(folder));
            }
            String file = folder != null ? folder + "/ruleset.yaml" : e.location();
            results.add(new CaseResult(new TestCase(file, "ruleset loads", null, null, null), null,
                    List.of("ruleset refused: " + e.getMessage()), 0));
            out.println("FAIL " + (folder != null ? folder : e.location()) + ": ruleset refused: " + e.getMessage());
        }
        // A case file that carries a reform runs on an engine with the same rulesets and the reform.
        CaseRunner runner = new CaseRunner(engine, () -> {
            SubsidyEngine.Builder b = SubsidyEngine.builder();
            folders.forEach(b::addRulesetFolder);
            return b;
        });
        Map<Path, String> rulesetIds = new java.util.HashMap<>();   // read each folder's metadata once
        Set<Path> foldersWithCases = new LinkedHashSet<>();
        int cases = 0;
        boolean inputErrors = false;
        for (Path file : caseFiles) {
            Path rulesetFolder = rulesetFolderOf(file);
            if (rulesetFolder != null && refusedFolders.contains(key(rulesetFolder))) {
                err.println("  " + file + ": not run, its ruleset was refused");
                continue;
            }
            List<TestCase> fileCases;
            try {
                String defaultRuleset = rulesetFolder == null ? null : rulesetIds.computeIfAbsent(rulesetFolder,
                        RulesetSource::declaredId);
                fileCases = CaseFiles.read(file, defaultRuleset);
            } catch (HuzhuException e) {
                // A case file that cannot be read is one failed result, never silently skipped.
                fileCases = List.of(new TestCase(file.toString(), "(whole file)", null, e.getMessage(), null));
            }
            if (rulesetFolder != null && !fileCases.isEmpty()) {
                foldersWithCases.add(key(rulesetFolder));
            }
            int failedHere = 0;
            for (TestCase c : fileCases) {
                CaseResult r = runner.run(c);
                results.add(r);
                cases++;
                inputErrors |= c.inputError() != null;
                if (!r.passed()) {
                    failedHere++;
                    for (String f : r.failures()) {
                        out.println("FAIL " + file + " \"" + c.name() + "\": " + f);
                    }
                }
            }
            err.println("  " + file + ": " + fileCases.size() + " cases" + (failedHere > 0 ? ", " + failedHere
                    + " failed" : ""));
        }
        // A CI check that ran nothing must not pass: every ruleset under test needs cases.
        for (Path folder : tested) {
            if (!refusedFolders.contains(key(folder)) && !foldersWithCases.contains(key(folder))) {
                String message = "no cases found in " + folder + "/cases";
                results.add(new CaseResult(new TestCase(folder + "/cases", "has cases", null, null, null), null,
                        List.of(message), 0));
                out.println("FAIL " + folder + ": " + message);
            }
        }
        if (junitXml != null) {
            JUnitXml.write(junitXml, results);
        }
        Map<String, Set<String>> unfired = CaseRunner.unfiredRules(engine, results);
        for (RulesetInfo info : engine.rulesets()) {
            Set<String> left = unfired.get(info.id());
            if (left == null) {
                continue;
            }
            out.println(CaseRunner.coverage(info, left));
            left.forEach(r -> out.println("  never fired: " + r));
        }
        long failed = results.stream().filter(r -> !r.passed()).count();
        if (cases == 0) {
            out.println("no cases found under " + paths.stream().map(Path::toString)
                    .collect(java.util.stream.Collectors.joining(" ")));
        }
        out.println((results.size() - failed) + " passed, " + failed + " failed" + (refused.isEmpty() ? ""
                : ", " + refused.size() + " ruleset" + (refused.size() == 1 ? "" : "s") + " refused"));
        if (!refused.isEmpty() && !tested.isEmpty() && refusedFolders.containsAll(tested.stream().map(Huzhu::key)
                .toList())) {
            return EXIT_RULESET;   // nothing under test could load
        }
        if (inputErrors) {
            return EXIT_INPUT;
        }
        return failed == 0 && cases > 0 ? EXIT_OK : EXIT_FAILURES;
    }

    /** The version folder a loading error is about: the longest known folder its location starts with. */
    private static Path folderOf(RulesetException e, List<Path> folders) {
        Path best = null;
        for (Path f : folders) {
            String name = f.toString();
            String at = e.location();
            if ((at.equals(name) || at.startsWith(name + "/") || at.startsWith(name + ":") || at.startsWith(name + " "))
                    && (best == null || name.length() > best.toString().length())) {
                best = f;
            }
        }
        return best;
    }

    /** A folder as a comparable key, however it was named. */
    private static Path key(Path folder) {
        return folder.toAbsolutePath().normalize();
    }

    /**
     * An input file of a command, unbuffered (the readers buffer).
     *
     * @throws InvalidInputException naming the file: it does not exist or cannot be read (exit 2)
     */
    static InputStream openInput(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException(file.toString(), "does not exist", e);
        } catch (IOException e) {
            throw new InvalidInputException(file.toString(), "cannot be read: " + e.getMessage(), e);
        }
    }

    /** The scheme/version folder a case file belongs to ({@code .../scheme/version/cases/x.yaml}), or null. */
    static Path rulesetFolderOf(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path cases = abs.getParent();
        if (cases != null && cases.getFileName() != null && cases.getFileName().toString().equals("cases")
                && Files.exists(cases.getParent().resolve("ruleset.yaml"))) {
            return cases.getParent();
        }
        return null;
    }

    static List<Path> caseFilesUnder(Path p) {
        if (!Files.isDirectory(p)) {
            return List.of(p);
        }
        try (Stream<Path> walk = Files.walk(p)) {
            return walk.filter(f -> f.toString().endsWith(".yaml") && f.getParent() != null
                            && f.getParent().getFileName().toString().equals("cases") && !f.toString().contains("/target/"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
