package org.huzhu.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.huzhu.api.Decision;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.HuzhuException;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.RulesetException;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.api.UnknownRulesetException;
import org.huzhu.api.json.HuzhuJson;
import org.huzhu.engine.RulesetSource;
import org.huzhu.testkit.CaseFiles;
import org.huzhu.testkit.CaseResult;
import org.huzhu.testkit.CaseRunner;
import org.huzhu.testkit.JUnitXml;
import org.huzhu.testkit.TestCase;

/**
 * The {@code huzhu} command-line tool.
 *
 * <pre>
 * huzhu list     [--rulesets DIR]
 * huzhu show     ID@VERSION [--format json|text] [--rulesets DIR]
 * huzhu evaluate --claim FILE [--ruleset ID[@VERSION]] [--what-if] [--format json|text] [--lang zh|en] [--rulesets DIR]
 * huzhu test     [PATH...] [--junit-xml DIR] [--rulesets DIR]
 * </pre>
 *
 * Exit status:
 * <ul>
 *   <li>0: success;</li>
 *   <li>1: {@code test} found failures: a case that did not match, a ruleset under test that was refused (reported
 *       as a failed test, the others still run), a ruleset folder with no cases, or no cases at all;</li>
 *   <li>2: bad usage or input: an unknown option, a claim or case file that cannot be read (for {@code test}, after
 *       every other case has run and been reported);</li>
 *   <li>3: a refused or broken ruleset ({@link RulesetException}, {@link org.huzhu.api.RulesetRefusedException}):
 *       {@code list} and {@code evaluate} load every ruleset and stop at the first; {@code test} exits 3 only when
 *       no ruleset under its paths could load.</li>
 * </ul>
 */
public final class Huzhu {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILURES = 1;
    static final int EXIT_INPUT = 2;
    static final int EXIT_RULESET = 3;

    private final PrintStream out;
    private final PrintStream err;

    Huzhu(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        // Drools warns of class reactivity for joins on the ClaimContext; rules never modify facts, so it is noise.
        System.setProperty("org.slf4j.simpleLogger.log.org.drools.mvel.MVELConstraint", "error");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(new Huzhu(out, err).run(args));
    }

    int run(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            usage(out);
            return args.length == 0 ? 2 : 0;
        }
        try {
            Options o = Options.parse(args);
            return switch (o.command) {
                case "list" -> list(o);
                case "show" -> show(o);
                case "evaluate" -> evaluate(o);
                case "test" -> test(o);
                default -> {
                    err.println("huzhu: unknown command '" + o.command + "'");
                    usage(err);
                    yield 2;
                }
            };
        } catch (RulesetException e) {
            err.println("huzhu: ruleset refused: " + e.getMessage());
            return EXIT_RULESET;
        } catch (HuzhuException e) {
            err.println("huzhu: error: " + e.getMessage());
            return EXIT_INPUT;
        } catch (IllegalArgumentException e) {
            err.println("huzhu: " + e.getMessage());
            usage(err);
            return 2;
        } catch (java.io.UncheckedIOException e) {
            err.println("huzhu: error: " + e.getCause().getMessage());
            return 2;
        }
    }

    private static void usage(PrintStream s) {
        s.println("usage: huzhu list     [--rulesets DIR]");
        s.println("       huzhu show     ID@VERSION [--format json|text] [--rulesets DIR]");
        s.println("       huzhu evaluate --claim FILE [--ruleset ID[@VERSION]] [--what-if] [--format json|text] [--lang zh|en] "
                + "[--rulesets DIR]");
        s.println("       huzhu test     [PATH...] [--junit-xml DIR] [--rulesets DIR]");
    }

    private SubsidyEngine engine(List<Path> folders) {
        SubsidyEngine.Builder b = SubsidyEngine.builder();
        folders.forEach(b::addRulesetFolder);
        return b.build();
    }

    /** An engine that leaves out (and hands to {@code refused}) every ruleset that cannot load. */
    private SubsidyEngine engine(List<Path> folders, List<RulesetException> refused) {
        SubsidyEngine.Builder b = SubsidyEngine.builder().onRulesetError(refused::add);
        folders.forEach(b::addRulesetFolder);
        return b.build();
    }

    private int list(Options o) {
        SubsidyEngine engine = engine(o.rulesetFolders);
        out.printf("%-22s %-10s %-12s %-12s %-16s %-18s %s%n", "RULESET", "VERSION", "FROM", "TO", "EXTENDS",
                "SHA-256", "NAME");
        for (RulesetInfo r : engine.rulesets()) {
            out.printf("%-22s %-10s %-12s %-12s %-16s %-18s %s / %s%n", r.scheme(), r.version(), r.effectiveFrom(),
                    r.effectiveTo() == null ? "(open)" : r.effectiveTo(), r.base() == null ? "-" : r.base(),
                    r.contentHash().substring(0, 16), r.nameZh(), r.nameEn());
        }
        return 0;
    }

    /** One version as it is loaded: its parameters and rule files, each with the version it comes from. */
    private int show(Options o) {
        if (o.paths.size() != 1) {
            throw new IllegalArgumentException("show needs one ID@VERSION, e.g. jinhua@phase3");
        }
        String wanted = o.paths.get(0).toString();
        SubsidyEngine engine = engine(o.rulesetFolders);
        RulesetInfo info = engine.rulesets().stream().filter(r -> r.id().equals(wanted)).findFirst().orElse(null);
        if (info == null) {
            String scheme = wanted.contains("@") ? wanted.substring(0, wanted.indexOf('@')) : wanted;
            List<String> versions = engine.rulesets().stream().filter(r -> r.scheme().equals(scheme))
                    .map(RulesetInfo::id).toList();
            throw new UnknownRulesetException((wanted.contains("@") ? "no ruleset " + wanted : "show needs "
                    + "ID@VERSION, not '" + wanted + "'") + (versions.isEmpty() ? "; loaded: " + engine.rulesets()
                    .stream().map(RulesetInfo::id).collect(java.util.stream.Collectors.joining(", "))
                    : "; versions: " + String.join(", ", versions)));
        }
        out.print(o.format.equals("json") ? RulesetText.json(info) + "\n" : RulesetText.format(info));
        return 0;
    }

    private int evaluate(Options o) throws HuzhuException {
        if (o.claim == null) {
            throw new IllegalArgumentException("evaluate needs --claim FILE");
        }
        byte[] text; // bytes, so that HuzhuJson decodes strictly and names the offset of a non-UTF-8 byte
        try {
            text = Files.readAllBytes(o.claim);
        } catch (IOException e) {
            throw new InvalidInputException(o.claim.toString(), "cannot be read: " + e.getMessage());
        }
        EvaluationRequest request = HuzhuJson.read(text, EvaluationRequest.class, o.claim.toString());
        if (o.ruleset != null || o.whatIf) {
            request = new EvaluationRequest(o.ruleset != null ? o.ruleset : request.ruleset(), request.claim(),
                    request.history(), request.whatIf() || o.whatIf);
        }
        SubsidyEngine engine = engine(o.rulesetFolders);
        Decision d = engine.evaluate(request);
        org.huzhu.api.Texts texts = engine.texts(d);
        out.print(o.format.equals("json") ? DecisionJson.write(d, texts, o.lang) + "\n"
                : DecisionText.format(d, texts, o.lang));
        return 0;
    }

    private int test(Options o) {
        List<Path> paths = o.paths.isEmpty() ? List.of(Path.of("rulesets")) : o.paths;
        // Rulesets under the paths are loaded from there, so that a working copy is what gets tested.
        Set<Path> folders = new LinkedHashSet<>(o.rulesetFolders);
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
        for (Path f : o.rulesetFolders) {
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
        CaseRunner runner = new CaseRunner(engine);
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
        if (o.junitXml != null) {
            JUnitXml.write(o.junitXml, results);
        }
        Map<String, Set<String>> unfired = CaseRunner.unfiredRules(engine, results);
        for (RulesetInfo info : engine.rulesets()) {
            Set<String> left = unfired.get(info.id());
            if (left == null) {
                continue;
            }
            int total = info.rules().size();
            out.printf("rule coverage %s: %d/%d (%d%%)%n", info.id(), total - left.size(), total,
                    total == 0 ? 100 : Math.round(100.0 * (total - left.size()) / total));
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

    private static List<Path> caseFilesUnder(Path p) {
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

    /** Parsed command-line options. */
    static final class Options {
        String command;
        final List<Path> rulesetFolders = new ArrayList<>();
        final List<Path> paths = new ArrayList<>();
        Path claim;
        String ruleset;
        String format = "text";
        boolean whatIf;
        Path junitXml;
        /** The language of explanations: --lang, else the system locale's (Chinese for zh, else English). */
        org.huzhu.api.Language lang = org.huzhu.api.Language.of(java.util.Locale.getDefault());

        static Options parse(String[] args) {
            Options o = new Options();
            o.command = args[0];
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--rulesets" -> o.rulesetFolders.add(Path.of(value(args, ++i, a)));
                    case "--claim" -> o.claim = Path.of(value(args, ++i, a));
                    case "--ruleset" -> o.ruleset = value(args, ++i, a);
                    case "--what-if" -> o.whatIf = true;
                    case "--format" -> {
                        o.format = value(args, ++i, a);
                        if (!o.format.equals("json") && !o.format.equals("text")) {
                            throw new IllegalArgumentException("--format must be json or text");
                        }
                    }
                    case "--lang" -> {
                        String code = value(args, ++i, a);
                        if (!code.equals("zh") && !code.equals("en")) {
                            throw new IllegalArgumentException("--lang must be zh or en");
                        }
                        o.lang = org.huzhu.api.Language.of(code);
                    }
                    case "--junit-xml" -> o.junitXml = Path.of(value(args, ++i, a));
                    default -> {
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        o.paths.add(Path.of(a));
                    }
                }
            }
            return o;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
