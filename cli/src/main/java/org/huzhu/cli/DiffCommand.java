package org.huzhu.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.huzhu.actuary.population.Population;
import org.huzhu.actuary.population.PopulationEntry;
import org.huzhu.api.AmountRange;
import org.huzhu.api.Benefit;
import org.huzhu.api.Decision;
import org.huzhu.api.EvaluationError;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.EvaluationResult;
import org.huzhu.api.HuzhuException;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.Language;
import org.huzhu.api.ReasonCode;
import org.huzhu.api.RulesetId;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.api.Texts;
import org.huzhu.api.UnknownRulesetException;
import org.huzhu.api.json.HuzhuJson;
import org.huzhu.api.ruleset.Figures;
import org.huzhu.engine.internal.ReformFile;
import org.huzhu.engine.internal.RulesetSource;
import org.huzhu.testkit.CaseFiles;
import org.huzhu.testkit.TestCase;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code huzhu diff}: evaluates the same claims (a folder's cases, or a population) under two versions, a version and
 * a working copy of it, or a version and a reform, and lists every claim whose outcome changed (total, benefits by
 * kind, rejections, review flags, or an error) with both outcomes, then a summary. For CI: {@code --fail-on-change}
 * exits 1 when anything changed.
 *
 * <p>Each claim is evaluated alone with the history it carries, under each side's version pinned, as a what-if when
 * its date is outside that version's dates (the output says which). Claims of another scheme than the sides' are
 * counted as skipped; entries that cannot be read are listed and make the exit 2; nothing is dropped.
 */
@Command(name = "diff", mixinStandardHelpOptions = true, version = "huzhu 0.1.0-SNAPSHOT",
        description = {"Evaluates every case (--cases) or population claim (--population) under --from and --to and "
                + "lists each one whose outcome changed (total, benefits by kind and amount, rejections and their "
                + "codes, review flags, or an error), with both outcomes; then a summary: compared, changed, "
                + "unchanged, errors and what-ifs under each, totals.",
                "Each side is a ruleset version ID@VERSION (bundled, or from --rulesets), a ruleset version folder "
                        + "(a working copy, e.g. a pull request's rulesets/quzhou/2016, compared with the loaded "
                        + "version it replaces), or a reform file (README \"Reforms\"). Both must be of one scheme; "
                        + "claims of other schemes are skipped and counted. A claim dated outside a side's version is "
                        + "computed as a what-if under it, and the output says so. A case file's own ruleset and "
                        + "reform are ignored: the sides decide."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:nothing changed, or something changed without --fail-on-change",
                "1:--fail-on-change, and some outcome changed",
                "2:bad usage or input: a missing path, an unknown version, sides of two schemes, a case file or "
                        + "population entry that cannot be read (reported with the rest first)",
                "3:a ruleset or reform was refused (cannot load)",
                "4:engine error: anything unexpected"})
final class DiffCommand implements Callable<Integer> {
    private static final Pattern VERSION = Pattern.compile("[a-z][a-z0-9-]*@[A-Za-z0-9._-]+");
    /** Entries evaluated together with evaluateAll on each side. */
    private static final int CHUNK = 1024;

    @Option(names = "--from", required = true, paramLabel = "SIDE",
            description = "The outcomes compared against: ID@VERSION, a ruleset version folder, or a reform file.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "SIDE",
            description = "The outcomes compared: ID@VERSION, a ruleset version folder (a working copy, loaded in "
                    + "place of the version it names), or a reform file (its base version with the reform).")
    String to;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    /** What is evaluated: one of the two. */
    static final class Input {
        @Option(names = "--cases", paramLabel = "PATH",
                description = "A case file, or a folder: every cases/*.yaml under it (the requests only; the "
                        + "expectations are not checked).")
        Path cases;

        @Option(names = "--population", paramLabel = "FILE",
                description = "A population: .jsonl/.ndjson (one request per line) or .csv (README, \"CSV "
                        + "populations\"), read as a stream.")
        Path population;
    }

    @Option(names = "--fail-on-change", description = "Exit 1 when any outcome changed (a CI guard for a ruleset "
            + "that should not move).")
    boolean failOnChange;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}): json is one document {from, to, entries, "
                    + "summary}, written as it goes.")
    Huzhu.Format format;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "zh",
            description = "zh or en: the language of labels, benefit kind and reason names and refusal texts "
                    + "(default: ${DEFAULT-VALUE}, whatever the machine's locale).")
    Huzhu.Lang lang;

    @Mixin
    Huzhu.Folders folders = new Huzhu.Folders();

    private final PrintStream stdout;

    DiffCommand(PrintStream stdout) {
        this.stdout = stdout;
    }

    /**
     * One side: the engine that decides it, the version requests are pinned to (for a reform, its base), and what
     * decides there when the claim's date is in the version's dates (the reform's entry, or the version itself).
     */
    record Side(String option, String spec, SubsidyEngine engine, RulesetInfo version, RulesetInfo decider) {
        String label() {
            return decider.reform() != null ? version.id() + " + reform " + decider.reform().name() : version.id();
        }

        /** The request as this side evaluates it: pinned to its version, a what-if off the version's dates. */
        EvaluationRequest request(EvaluationRequest r) {
            return new EvaluationRequest(version.id(), r.claim(), r.history(),
                    !version.inForceOn(r.claim().claimDate()));
        }
    }

    @Override
    public Integer call() throws IOException {
        Language language = Language.of(lang.name());
        // The input first: a missing file is exit 2 before any ruleset loads.
        Path in = input.cases != null ? input.cases : input.population;
        if (!Files.exists(in)) {
            throw new InvalidInputException(in.toString(), "does not exist");
        }
        if (input.population != null) {
            Population.Format.of(input.population);
        }
        Map<String, SubsidyEngine> engines = new LinkedHashMap<>();
        Side fromSide = side("--from", from, engines);
        Side toSide = side("--to", to, engines);
        if (!fromSide.version().scheme().equals(toSide.version().scheme())) {
            throw new InvalidInputException("--to", to + " is a version of " + toSide.version().scheme() + ", "
                    + from + " of " + fromSide.version().scheme() + ": a diff compares versions of one scheme");
        }
        Writer w = new OutputStreamWriter(stdout, StandardCharsets.UTF_8);
        Report report = format == Huzhu.Format.json ? new JsonReport(w, language) : new TextReport(w, language);
        Tally tally = new Tally();
        report.begin(fromSide, toSide);
        Comparison comparison = new Comparison(fromSide, toSide, report, tally);
        if (input.cases != null) {
            comparison.cases(input.cases);
        } else {
            comparison.population(input.population);
        }
        report.end(tally);
        w.flush();
        if (tally.unreadable > 0) {
            return Huzhu.EXIT_INPUT;
        }
        return failOnChange && tally.changed > 0 ? Huzhu.EXIT_FAILURES : Huzhu.EXIT_OK;
    }

    /** Reads a side: an existing folder or file first, else a version reference. */
    private Side side(String option, String spec, Map<String, SubsidyEngine> engines) {
        Path path = null;
        try {
            path = Path.of(spec);
        } catch (InvalidPathException e) {
            // not a path: a version reference, or nothing
        }
        if (path != null && Files.isDirectory(path)) {
            if (!Files.isRegularFile(path.resolve(RulesetSource.METADATA))) {
                throw new InvalidInputException(option, spec + " is a folder but not a ruleset version folder (it "
                        + "has no " + RulesetSource.METADATA + ")");
            }
            String id = RulesetSource.declaredId(path);
            Path folder = path;
            SubsidyEngine engine = engines.computeIfAbsent("folder:" + path, k -> builder().addRulesetFolder(folder)
                    .build());
            RulesetInfo version = version(engine, id, option, spec);
            return new Side(option, spec, engine, version, version);
        }
        if (path != null && Files.isRegularFile(path)) {
            String base = ReformFile.read(path).base();
            Path file = path;
            SubsidyEngine engine = engines.computeIfAbsent("reform:" + path, k -> builder().reform(file).build());
            RulesetInfo version = version(engine, base, option, spec);
            RulesetInfo reform = engine.rulesets().stream().filter(r -> r.reform() != null
                    && r.origin().equals(file.toString())).findFirst().orElseThrow();
            return new Side(option, spec, engine, version, reform);
        }
        if (!VERSION.matcher(spec).matches()) {
            throw new InvalidInputException(option, "'" + spec + "' is neither a ruleset version (ID@VERSION, e.g. "
                    + "quzhou@2016), a ruleset version folder, nor a reform file");
        }
        SubsidyEngine engine = engines.computeIfAbsent("loaded", k -> builder().build());
        RulesetInfo version = version(engine, spec, option, spec);
        return new Side(option, spec, engine, version, version);
    }

    private SubsidyEngine.Builder builder() {
        SubsidyEngine.Builder b = SubsidyEngine.builder();
        folders.folders.forEach(b::addRulesetFolder);
        return b;
    }

    /** The loaded version {@code id} (not a reform's entry), or an error naming the versions there are. */
    private static RulesetInfo version(SubsidyEngine engine, String id, String option, String spec) {
        return engine.rulesets().stream().filter(r -> r.reform() == null && r.id().equals(id)).findFirst()
                .orElseThrow(() -> {
                    String scheme = id.substring(0, id.indexOf('@'));
                    List<String> versions = engine.rulesets().stream().filter(r -> r.reform() == null
                            && r.scheme().equals(scheme)).map(RulesetInfo::id).toList();
                    return new UnknownRulesetException(option + " " + spec + ": no version " + id + " is loaded ("
                            + (versions.isEmpty() ? "no scheme '" + scheme + "'" : "versions: "
                            + String.join(", ", versions)) + ")");
                });
    }

    /** One claim to compare: a request, or why its input could not be read. */
    record Entry(long index, String where, String name, String claimId, EvaluationRequest request, String error) {
    }

    /** The counts the summary gives; they reconcile: entries = compared + skipped + unreadable. */
    static final class Tally {
        long entries;
        long compared;
        long changed;
        long skipped;
        long unreadable;
        long fromErrors;
        long toErrors;
        long fromWhatIfs;
        long toWhatIfs;
        BigDecimal fromTotal = BigDecimal.ZERO;
        BigDecimal toTotal = BigDecimal.ZERO;
    }

    /** Reads the entries, evaluates them a chunk at a time on both sides, and reports each. */
    private static final class Comparison {
        private final Side from;
        private final Side to;
        private final Report report;
        private final Tally tally;
        private final List<Entry> chunk = new ArrayList<>();

        Comparison(Side from, Side to, Report report, Tally tally) {
            this.from = from;
            this.to = to;
            this.report = report;
            this.tally = tally;
        }

        void cases(Path path) throws IOException {
            long index = 0;
            for (Path file : Huzhu.caseFilesUnder(path)) {
                Path rulesetFolder = Huzhu.rulesetFolderOf(file);
                List<TestCase> cases;
                try {
                    // The requests are re-pinned to each side; the default only lets a case without one be read.
                    cases = CaseFiles.read(file, rulesetFolder != null ? RulesetSource.declaredId(rulesetFolder)
                            : from.version().id());
                } catch (HuzhuException e) {
                    add(new Entry(index++, file.toString(), "(whole file)", null, null, e.getMessage()));
                    continue;
                }
                for (TestCase c : cases) {
                    String claimId = c.request() == null ? null : c.request().claim().id();
                    add(new Entry(index++, file.toString(), c.name(), claimId, c.request(), c.inputError()));
                }
            }
            flush();
        }

        void population(Path file) throws IOException {
            try (Population population = Population.open(file)) {
                while (population.hasNext()) {
                    PopulationEntry e = population.next();
                    add(new Entry(e.index(), e.where(), null, e.claimId(), e.request(),
                            e.error() == null ? null : e.error().message()));
                }
            } catch (UncheckedIOException e) {
                throw new InvalidInputException(file.toString(), "cannot be read: " + e.getCause().getMessage(), e);
            }
            flush();
        }

        private void add(Entry e) throws IOException {
            chunk.add(e);
            if (chunk.size() >= CHUNK) {
                flush();
            }
        }

        private void flush() throws IOException {
            List<Entry> compared = new ArrayList<>();
            for (Entry e : chunk) {
                tally.entries++;
                if (e.request() == null) {
                    tally.unreadable++;
                    report.unreadable(e);
                } else if (!RulesetId.parse(e.request().ruleset()).scheme().equals(from.version().scheme())) {
                    tally.skipped++;
                } else {
                    compared.add(e);
                }
            }
            chunk.clear();
            if (compared.isEmpty()) {
                return;
            }
            List<EvaluationResult> before = from.engine().evaluateAll(compared.stream()
                    .map(e -> from.request(e.request())).toList());
            List<EvaluationResult> after = to.engine().evaluateAll(compared.stream()
                    .map(e -> to.request(e.request())).toList());
            for (int i = 0; i < compared.size(); i++) {
                Outcome a = Outcome.of(before.get(i), from.engine());
                Outcome b = Outcome.of(after.get(i), to.engine());
                tally.compared++;
                tally.fromErrors += a.error() != null ? 1 : 0;
                tally.toErrors += b.error() != null ? 1 : 0;
                tally.fromWhatIfs += a.whatIf() ? 1 : 0;
                tally.toWhatIfs += b.whatIf() ? 1 : 0;
                tally.fromTotal = tally.fromTotal.add(a.total());
                tally.toTotal = tally.toTotal.add(b.total());
                List<String> changes = Outcome.changes(a, b);
                if (!changes.isEmpty()) {
                    tally.changed++;
                    report.changed(compared.get(i), a, b, changes);
                }
            }
        }
    }

    /**
     * One side's outcome for a claim, in the terms a diff compares: the total, the amount (or range) of each benefit
     * kind, the rejections and review flags (code, kind, stay), or the error's code.
     */
    record Outcome(Decision decision, EvaluationError error, Texts texts) {
        static Outcome of(EvaluationResult r, SubsidyEngine engine) {
            return r.decision() != null ? new Outcome(r.decision(), null, engine.texts(r.decision()))
                    : new Outcome(null, r.error(), null);
        }

        boolean whatIf() {
            return decision != null && decision.whatIf();
        }

        BigDecimal total() {
            return decision == null ? BigDecimal.ZERO : decision.total();
        }

        /**
         * Each kind's amount (the sum of its benefits), or its range when one of them is a range (fixed amounts of
         * the kind added to both bounds), in the order first granted.
         */
        Map<String, Object> byKind() {
            Map<String, BigDecimal[]> bounds = new LinkedHashMap<>();
            Map<String, Boolean> ranged = new LinkedHashMap<>();
            for (Benefit b : decision.benefits()) {
                BigDecimal[] sum = bounds.computeIfAbsent(b.kind(), k -> new BigDecimal[] {BigDecimal.ZERO,
                        BigDecimal.ZERO});
                sum[0] = sum[0].add(b.range() != null ? b.range().min() : b.amount());
                sum[1] = sum[1].add(b.range() != null ? b.range().max() : b.amount());
                ranged.merge(b.kind(), b.range() != null, Boolean::logicalOr);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            bounds.forEach((kind, sum) -> out.put(kind, ranged.get(kind) ? new AmountRange(sum[0], sum[1]) : sum[0]));
            return out;
        }

        /** What changed from {@code a} to {@code b}: {@code error}, {@code total}, {@code benefits.KIND}, ... */
        static List<String> changes(Outcome a, Outcome b) {
            List<String> out = new ArrayList<>();
            if ((a.error == null) != (b.error == null)) {
                out.add("error");
                return out;
            }
            if (a.error != null) {
                if (a.error.code() != b.error.code()) {
                    out.add("error");
                }
                return out;
            }
            if (a.decision.total().compareTo(b.decision.total()) != 0) {
                out.add("total");
            }
            Map<String, Object> x = a.byKind();
            Map<String, Object> y = b.byKind();
            List<String> kinds = new ArrayList<>(x.keySet());
            y.keySet().stream().filter(k -> !kinds.contains(k)).forEach(kinds::add);
            for (String kind : kinds) {
                if (!same(x.get(kind), y.get(kind))) {
                    out.add("benefits." + kind);
                }
            }
            if (!keys(a.decision.rejections().stream().map(r -> key(r.code(), r.kind(), r.stay())).toList())
                    .equals(keys(b.decision.rejections().stream().map(r -> key(r.code(), r.kind(), r.stay()))
                            .toList()))) {
                out.add("rejections");
            }
            if (!keys(a.decision.reviewFlags().stream().map(r -> key(r.code(), r.kind(), r.stay())).toList())
                    .equals(keys(b.decision.reviewFlags().stream().map(r -> key(r.code(), r.kind(), r.stay()))
                            .toList()))) {
                out.add("reviewFlags");
            }
            return out;
        }

        private static boolean same(Object x, Object y) {
            if (x instanceof BigDecimal p && y instanceof BigDecimal q) {
                return p.compareTo(q) == 0;
            }
            if (x instanceof AmountRange p && y instanceof AmountRange q) {
                return p.min().compareTo(q.min()) == 0 && p.max().compareTo(q.max()) == 0;
            }
            return Objects.equals(x, y);
        }

        private static String key(ReasonCode code, String kind, String stay) {
            return code + "|" + (kind == null ? "" : kind) + "|" + (stay == null ? "" : stay);
        }

        /** Order does not matter: two versions may fire the same rules in another order. */
        private static List<String> keys(List<String> keys) {
            return keys.stream().sorted().toList();
        }
    }

    /** Where the diff goes: a header, each changed and unreadable entry as it is found, then the summary. */
    interface Report {
        void begin(Side from, Side to) throws IOException;

        void changed(Entry e, Outcome from, Outcome to, List<String> changes) throws IOException;

        void unreadable(Entry e) throws IOException;

        void end(Tally tally) throws IOException;
    }

    /** The words of the text report. */
    private record Words(String from, String to, String changed, String unreadable, String whatIf, String total,
                         String rejected, String review, String error, String summary, String errors, String whatIfs,
                         String totals, String sep) {
    }

    private static final Words ZH = new Words("原", "新", "有变化", "无法读取",
            "模拟测算：申报日期不在该版本有效期内", "合计", "不予支付", "待审核", "错误",
            "共%d条：比较%d条，有变化%d条，无变化%d条；其他方案跳过%d条，无法读取%d条",
            "错误：%s下%d条，%s下%d条", "模拟测算：%s下%d条，%s下%d条", "合计：%s下%s，%s下%s（%s）", "；");
    private static final Words EN = new Words("from", "to", "CHANGED", "UNREADABLE",
            "what-if: the claim date is outside the version's dates", "total", "rejected", "review", "error",
            "%d entries: %d compared, %d changed, %d unchanged; %d of other schemes skipped, %d unreadable",
            "errors: %d under %s, %d under %s", "what-ifs: %d under %s, %d under %s",
            "total paid: %s under %s, %s under %s (%s)", "; ");

    /** The report as lines for a person or a CI log. */
    private static final class TextReport implements Report {
        private final Writer w;
        private final Language lang;
        private final Words words;
        private Side from;
        private Side to;

        TextReport(Writer w, Language lang) {
            this.w = w;
            this.lang = lang;
            this.words = lang == Language.ZH ? ZH : EN;
        }

        @Override
        public void begin(Side from, Side to) throws IOException {
            this.from = from;
            this.to = to;
            w.write("huzhu diff: " + describe(from) + " → " + describe(to) + "\n");
        }

        private static String describe(Side s) {
            return s.label() + " (" + s.decider().origin() + ", sha256:" + s.decider().contentHash().substring(0, 16)
                    + ")";
        }

        @Override
        public void changed(Entry e, Outcome a, Outcome b, List<String> changes) throws IOException {
            w.write(words.changed + " " + where(e) + " [" + String.join(", ", changes) + "]\n");
            w.write("  " + words.from + " " + from.label() + ": " + outcome(a) + "\n");
            w.write("  " + words.to + " " + to.label() + ": " + outcome(b) + "\n");
        }

        private static String where(Entry e) {
            return e.where() + (e.name() != null ? " \"" + e.name() + "\"" : e.claimId() != null ? " "
                    + e.claimId() : "");
        }

        private String outcome(Outcome o) {
            if (o.error() != null) {
                return words.error + " " + o.error().code() + ": " + o.error().message();
            }
            Decision d = o.decision();
            List<String> parts = new ArrayList<>();
            parts.add(words.total + " " + money(d.total()));
            o.byKind().forEach((kind, v) -> parts.add(kind + " " + o.texts().kind(kind, lang) + " "
                    + (v instanceof AmountRange r ? money(r.min()) + ".." + money(r.max()) : money((BigDecimal) v))));
            d.rejections().forEach(r -> parts.add(words.rejected + " " + r.code() + " " + o.texts().code(r.code(),
                    lang) + (r.kind() == null ? "" : " " + r.kind())));
            d.reviewFlags().forEach(r -> parts.add(words.review + " " + r.code() + " " + o.texts().code(r.code(),
                    lang) + (r.kind() == null ? "" : " " + r.kind())));
            if (d.whatIf()) {
                parts.add(words.whatIf);
            }
            return String.join(words.sep, parts);
        }

        @Override
        public void unreadable(Entry e) throws IOException {
            w.write(words.unreadable + " " + where(e) + ": " + e.error() + "\n");
        }

        @Override
        public void end(Tally t) throws IOException {
            String f = from.label();
            String g = to.label();
            BigDecimal delta = t.toTotal.subtract(t.fromTotal);
            w.write(String.format(java.util.Locale.ROOT, words.summary, t.entries, t.compared, t.changed,
                    t.compared - t.changed, t.skipped, t.unreadable) + "\n");
            if (lang == Language.ZH) {
                w.write(String.format(java.util.Locale.ROOT, words.errors, f, t.fromErrors, g, t.toErrors) + "\n");
                w.write(String.format(java.util.Locale.ROOT, words.whatIfs, f, t.fromWhatIfs, g, t.toWhatIfs) + "\n");
                w.write(String.format(java.util.Locale.ROOT, words.totals, f, money(t.fromTotal), g, money(t.toTotal),
                        (delta.signum() > 0 ? "+" : "") + money(delta)) + "\n");
            } else {
                w.write(String.format(java.util.Locale.ROOT, words.errors, t.fromErrors, f, t.toErrors, g) + "\n");
                w.write(String.format(java.util.Locale.ROOT, words.whatIfs, t.fromWhatIfs, f, t.toWhatIfs, g) + "\n");
                w.write(String.format(java.util.Locale.ROOT, words.totals, money(t.fromTotal), f, money(t.toTotal), g,
                        (delta.signum() > 0 ? "+" : "") + money(delta)) + "\n");
            }
        }

        private static String money(BigDecimal amount) {
            return Figures.money(amount, Math.max(0, amount.scale()));
        }
    }

    /** The report as one JSON document, written as it goes: {from, to, entries: [...], summary}. */
    private static final class JsonReport implements Report {
        private static final ObjectMapper MAPPER = HuzhuJson.mapper();
        private final JsonGenerator json;
        private final Language lang;

        JsonReport(Writer w, Language lang) throws IOException {
            this.json = MAPPER.writerWithDefaultPrettyPrinter().createGenerator(w);
            this.lang = lang;
        }

        @Override
        public void begin(Side from, Side to) throws IOException {
            json.writeStartObject();
            json.writeFieldName("from");
            MAPPER.writeTree(json, side(from));
            json.writeFieldName("to");
            MAPPER.writeTree(json, side(to));
            json.writeArrayFieldStart("entries");
        }

        private static ObjectNode side(Side s) {
            ObjectNode n = MAPPER.createObjectNode();
            n.put("side", s.spec());
            n.put("ruleset", s.version().id());
            if (s.decider().reform() != null) {
                n.put("reform", s.decider().reform().name());
                if (s.decider().reform().appliesFrom() != null) {
                    n.put("appliesFrom", s.decider().reform().appliesFrom().toString());
                }
            }
            n.put("rulesetHash", s.decider().contentHash());
            n.put("origin", s.decider().origin());
            return n;
        }

        @Override
        public void changed(Entry e, Outcome a, Outcome b, List<String> changes) throws IOException {
            ObjectNode n = head(e, "changed");
            ArrayNode c = n.putArray("changes");
            changes.forEach(c::add);
            n.set("from", outcome(a));
            n.set("to", outcome(b));
            MAPPER.writeTree(json, n);
        }

        @Override
        public void unreadable(Entry e) throws IOException {
            ObjectNode n = head(e, "unreadable");
            n.put("error", e.error());
            MAPPER.writeTree(json, n);
        }

        private static ObjectNode head(Entry e, String status) {
            ObjectNode n = MAPPER.createObjectNode();
            n.put("status", status);
            n.put("index", e.index());
            n.put("where", e.where());
            if (e.name() != null) {
                n.put("case", e.name());
            }
            if (e.claimId() != null) {
                n.put("claimId", e.claimId());
            }
            if (e.request() != null) {
                n.put("claimDate", e.request().claim().claimDate().toString());
            }
            return n;
        }

        private ObjectNode outcome(Outcome o) {
            ObjectNode n = MAPPER.createObjectNode();
            if (o.error() != null) {
                ObjectNode e = n.putObject("error");
                e.put("code", o.error().code().name());
                if (o.error().field() != null) {
                    e.put("field", o.error().field());
                }
                e.put("message", o.error().message());
                return n;
            }
            Decision d = o.decision();
            n.put("ruleset", d.rulesetId());
            if (d.reform() != null) {
                n.put("reform", d.reform());
            }
            n.put("rulesetHash", d.rulesetHash());
            n.put("whatIf", d.whatIf());
            n.put("total", cents(d.total()));
            ArrayNode benefits = n.putArray("benefits");
            o.byKind().forEach((kind, v) -> {
                ObjectNode b = benefits.addObject();
                b.put("kind", kind);
                b.put("kindName", o.texts().kind(kind, lang));
                if (v instanceof AmountRange r) {
                    ObjectNode range = b.putObject("range");
                    range.put("min", cents(r.min()));
                    range.put("max", cents(r.max()));
                } else {
                    b.put("amount", cents((BigDecimal) v));
                }
            });
            ArrayNode rejections = n.putArray("rejections");
            d.rejections().forEach(r -> outcome(rejections.addObject(), r.code(), r.kind(), r.stay(),
                    o.texts().render(r.message(), lang), o.texts()));
            ArrayNode flags = n.putArray("reviewFlags");
            d.reviewFlags().forEach(r -> outcome(flags.addObject(), r.code(), r.kind(), r.stay(),
                    o.texts().render(r.message(), lang), o.texts()));
            return n;
        }

        private void outcome(ObjectNode n, ReasonCode code, String kind, String stay, String text, Texts texts) {
            n.put("code", code.name());
            n.put("codeName", texts.code(code, lang));
            if (kind != null) {
                n.put("kind", kind);
            }
            if (stay != null) {
                n.put("stay", stay);
            }
            n.put("text", text);
        }

        @Override
        public void end(Tally t) throws IOException {
            json.writeEndArray();
            ObjectNode s = MAPPER.createObjectNode();
            s.put("entries", t.entries);
            s.put("compared", t.compared);
            s.put("changed", t.changed);
            s.put("unchanged", t.compared - t.changed);
            s.put("skipped", t.skipped);
            s.put("unreadable", t.unreadable);
            ObjectNode errors = s.putObject("errors");
            errors.put("from", t.fromErrors);
            errors.put("to", t.toErrors);
            ObjectNode whatIfs = s.putObject("whatIfs");
            whatIfs.put("from", t.fromWhatIfs);
            whatIfs.put("to", t.toWhatIfs);
            ObjectNode total = s.putObject("total");
            total.put("from", cents(t.fromTotal));
            total.put("to", cents(t.toTotal));
            total.put("delta", cents(t.toTotal.subtract(t.fromTotal)));
            json.writeFieldName("summary");
            MAPPER.writeTree(json, s);
            json.writeEndObject();
            json.writeRaw('\n');
            json.flush();
        }

        /** A sum in yuan with at least 2 decimal places, as the decision JSON writes sums. */
        private static BigDecimal cents(BigDecimal amount) {
            return amount.scale() < 2 ? amount.setScale(2) : amount;
        }
    }
}
