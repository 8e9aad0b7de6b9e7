package org.huzhu.engine;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlExprParser;
import org.drools.drl.parser.DrlExprParserFactory;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.ParserError;
import org.huzhu.api.RulesetException;
import org.huzhu.api.RulesetRefusedException;
import org.huzhu.api.ruleset.Base;
import org.huzhu.api.ruleset.ClaimContext;
import org.huzhu.api.ruleset.Granted;
import org.huzhu.api.ruleset.Stay;
import org.kie.internal.builder.conf.LanguageLevelOption;

/**
 * Layer 1 of the sandbox: parses a DRL file with Drools' parser and checks the parsed program against an allowlist,
 * then hands the compiler exactly the descr it checked, with every constraint and consequence replaced by the text
 * printed back from its checked Java tree (see {@link RuleCode}).
 *
 * <p>A file may hold: a package name; imports of the model and authoring types in {@link MemberAllowlist} and of
 * {@code BigDecimal}, {@code LocalDate}, {@code Period}, {@code Year}; rules with the attribute {@code salience}
 * (an integer literal) and the annotations {@code @clause("…")} and {@code @stage("…")} (string literals, read by the
 * engine and removed before compiling, so Drools never evaluates them; the stage becomes the rule's agenda group). A
 * rule's conditions are patterns over the per-claim facts the engine inserts ({@link ClaimContext}, {@link Stay},
 * and between stages {@link Base} and {@link Granted}), combined with {@code not} and {@code exists}.
 *
 * <p>Claims in one batch session cannot see each other: a rule's first pattern is {@code ClaimContext}; a rule with
 * more patterns binds the claim key there ({@code $c : ClaimContext($k : key)}) and every other pattern joins it
 * with the constraint {@code key == $k}; and consequences cannot insert, modify or retract (the grammar has no way
 * to name those). Everything else is refused, with file and line: functions, globals, declares, queries, units,
 * {@code import function}/{@code accumulate}, {@code eval}, {@code from}, {@code accumulate}, {@code collect},
 * {@code or}, {@code forall}, entry points, windows, other attributes ({@code dialect "mvel"}, timers, calendars,
 * date-effective/-expires, …), other annotations, named consequences, positional constraints.
 */
final class DrlSandbox {
    /** Types a DRL may import, by canonical name. */
    private static final Map<String, Class<?>> IMPORTABLE = new LinkedHashMap<>();
    /** Types usable without an import, as in Java. */
    private static final Map<String, Class<?>> IMPLICIT = Map.of("String", String.class, "Math", Math.class);
    /** The facts the engine inserts, one set per claim: the only types a pattern may match. */
    private static final Set<Class<?>> PER_CLAIM_FACTS = Set.of(ClaimContext.class, Stay.class, Base.class,
            Granted.class);
    private static final int MAX_SALIENCE = 100_000;

    static {
        for (Class<?> c : MemberAllowlist.API_TYPES) {
            IMPORTABLE.put(c.getCanonicalName(), c);
        }
        for (Class<?> c : List.of(BigDecimal.class, LocalDate.class, Period.class, Year.class)) {
            IMPORTABLE.put(c.getCanonicalName(), c);
        }
    }

    /** A checked file: the descr to compile and each rule's clause (from {@code @clause}). */
    /**
     * @param conditionParameters per rule, the parameters its conditions read (name → type): they decided that the
     *                            rule fires, so its outcome lists them beside those its consequence reads
     */
    /**
     * @param stages              per rule, the stage it runs in
     */
    record Checked(PackageDescr descr, Map<String, String> clauses,
                   Map<String, Map<String, String>> conditionParameters, Map<String, Stage> stages) {
    }

    private final String file;
    private final String drl;
    private final RuleCode.Vocabulary vocabulary;
    private final Map<String, Class<?>> types = new HashMap<>(IMPLICIT);
    private final Map<String, String> clauses = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> conditionParameters = new LinkedHashMap<>();
    private final Map<String, Stage> stages = new LinkedHashMap<>();
    /** The parameters the conditions of the rule being checked read. */
    private Map<String, String> conditionReads;
    /** The Base and Granted patterns of the rule being checked, with their lines: they limit its stage. */
    private Map<Class<?>, Integer> stagedPatterns;

    private DrlSandbox(String file, String drl, RuleCode.Vocabulary vocabulary) {
        this.file = file;
        this.drl = drl;
        this.vocabulary = vocabulary;
    }

    /**
     * Parses and checks one DRL file; returns the descr that may be compiled.
     *
     * @param vocabulary the ruleset's parameters, benefit kinds and history kinds, so that every name a rule reads
     *                   is checked at load
     */
    static Checked check(String file, String drl, RuleCode.Vocabulary vocabulary) {
        refuseUnicodeEscapes(file, drl);
        PackageDescr pkg = parse(file, drl);
        DrlSandbox sandbox = new DrlSandbox(file, drl, vocabulary);
        sandbox.checkPackage(pkg);
        return new Checked(pkg, Map.copyOf(sandbox.clauses), Map.copyOf(sandbox.conditionParameters),
                Map.copyOf(sandbox.stages));
    }

    /** Parses one DRL file without checking it (only for tests that switch the first layer off). */
    static Checked parseOnly(String file, String drl) {
        PackageDescr pkg = parse(file, drl);
        Map<String, String> clauses = new LinkedHashMap<>();
        Map<String, Stage> stages = new LinkedHashMap<>();
        for (RuleDescr r : pkg.getRules()) {
            AnnotationDescr a = r.getAnnotation("clause");
            if (a != null && a.getValue() != null) {
                clauses.put(r.getName(), AnnotationDescr.unquote(a.getValue().toString()));
            }
            // Unchecked, a rule without @stage stays in Drools' MAIN group, which fires with the first stage.
            AnnotationDescr s = r.getAnnotation("stage");
            Stage stage = s == null || s.getValue() == null ? null : Stage.of(AnnotationDescr.unquote(
                    s.getValue().toString()));
            if (stage != null) {
                stages.put(r.getName(), stage);
                r.addAttribute(new AttributeDescr("agenda-group", stage.agendaGroup()));
            }
        }
        return new Checked(pkg, clauses, Map.of(), stages);
    }

    private static PackageDescr parse(String file, String drl) {
        DrlParser parser = new DrlParser();
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, drl);
        } catch (DroolsParserException e) {
            throw new RulesetException(file + ":" + e.getLineNumber(), "does not parse: " + e.getMessage());
        } catch (StackOverflowError e) {
            throw new RulesetRefusedException(file, "is nested too deeply to parse");
        }
        if (parser.hasErrors() || pkg == null) {
            List<String> messages = new ArrayList<>();
            int line = -1;
            for (DroolsError err : parser.getErrors()) {
                if (err instanceof ParserError pe) {
                    line = line < 0 ? pe.getRow() : line;
                    messages.add("line " + pe.getRow() + ": " + pe.getMessage());
                } else {
                    messages.add(err.getMessage());
                }
            }
            throw new RulesetException(line > 0 ? file + ":" + line : file, "does not parse: "
                    + String.join("; ", messages));
        }
        return pkg;
    }

    /**
     * The Java compiler turns backslash-u escapes into characters before it reads a token, and the DRL parser does
     * not, so the two would read different programs; rule code never needs them.
     */
    private static void refuseUnicodeEscapes(String file, String drl) {
        int at = drl.indexOf("\\u");
        if (at >= 0) {
            throw new RulesetRefusedException(file + ":" + lineOf(drl, at), "\\u escapes are not allowed");
        }
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private RulesetRefusedException refuse(int line, String message) {
        return new RulesetRefusedException(line > 0 ? file + ":" + line : file, message);
    }

    private void checkPackage(PackageDescr pkg) {
        String name = pkg.getName() == null ? "" : pkg.getName();
        // Generated rule classes live in this package: keep them out of every real package.
        if (!name.matches("huzhu(\\.[a-z][a-z0-9_]*)*|[a-z][a-z0-9_]*")) {
            throw refuse(pkg.getLine(), "package " + name + " is not allowed: name it huzhu.<scheme>.<version>");
        }
        for (ImportDescr imp : pkg.getImports()) {
            Class<?> type = IMPORTABLE.get(imp.getTarget());
            if (type == null) {
                throw refuse(imp.getLine(), "import of " + imp.getTarget() + " is not allowed (only the model and "
                        + "authoring types of org.huzhu.api, and java.math.BigDecimal, java.time.LocalDate, Period, "
                        + "Year)");
            }
            types.put(type.getSimpleName(), type);
        }
        refuseAny(pkg.getFunctions(), "function", "put shared arithmetic in the authoring API's helpers");
        refuseAny(pkg.getFunctionImports(), "import function", null);
        refuseAny(pkg.getAccumulateImports(), "import accumulate", null);
        refuseAny(pkg.getGlobals(), "global", "rules read ClaimContext");
        refuseAny(pkg.getTypeDeclarations(), "declare", null);
        refuseAny(pkg.getEnumDeclarations(), "declare enum", null);
        refuseAny(new ArrayList<>(pkg.getEntryPointDeclarations()), "entry-point", null);
        refuseAny(new ArrayList<>(pkg.getWindowDeclarations()), "window", null);
        if (pkg.getUnit() != null) {
            throw refuse(pkg.getUnit().getLine(), "unit is not allowed");
        }
        for (AttributeDescr a : pkg.getAttributes()) {
            checkAttribute(a);
        }
        for (RuleDescr rule : pkg.getRules()) {
            checkRule(rule);
        }
    }

    private void refuseAny(List<? extends BaseDescr> found, String what, String hint) {
        if (!found.isEmpty()) {
            throw refuse(found.get(0).getLine(), what + " is not allowed" + (hint == null ? "" : ": " + hint));
        }
    }

    private void checkAttribute(AttributeDescr a) {
        String value = a.getValue() == null ? "" : a.getValue().trim();
        switch (a.getName()) {
            case "salience" -> {
                if (!value.matches("-?[0-9]{1,6}") || Math.abs(Integer.parseInt(value)) > MAX_SALIENCE) {
                    throw refuse(a.getLine(), "salience must be an integer literal between -" + MAX_SALIENCE
                            + " and " + MAX_SALIENCE + ", was " + value);
                }
            }
            case "dialect" -> {
                if (!AnnotationDescr.unquote(value).equals("java")) {
                    throw refuse(a.getLine(), "dialect " + value + " is not allowed: rules are checked as Java");
                }
            }
            default -> throw refuse(a.getLine(), "attribute " + a.getName() + " is not allowed (only salience); "
                    + "the claim's own date picks the version, never the clock");
        }
    }

    private void checkRule(RuleDescr rule) {
        if (rule instanceof QueryDescr) {
            throw refuse(rule.getLine(), "query is not allowed");
        }
        if (rule.getParentName() != null) {
            // The child would inherit the parent's patterns beside its own, unjoined: claims would pair up.
            throw refuse(rule.getLine(), "rule \"" + rule.getName() + "\" extends \"" + rule.getParentName()
                    + "\": a rule does not extend another; write its conditions out");
        }
        if (rule.getUnit() != null) {
            throw refuse(rule.getLine(), "unit is not allowed");
        }
        for (AttributeDescr a : rule.getAttributes().values()) {
            checkAttribute(a);
        }
        Stage declared = null;
        for (AnnotationDescr a : rule.getAnnotations()) {
            if (a.getName().equals("clause")) {
                clauses.put(rule.getName(), clauseText(a, rule));
            } else if (a.getName().equals("stage")) {
                declared = stage(a, rule);
            } else {
                throw refuse(a.getLine() > 0 ? a.getLine() : rule.getLine(), "annotation @" + a.getName()
                        + " is not allowed (only @clause and @stage)");
            }
        }
        // Drools evaluates annotation values as expressions while it compiles: it never sees ours.
        rule.getAnnotations().clear();
        if (!rule.getNamedConsequences().isEmpty()) {
            throw refuse(rule.getLine(), "named consequences are not allowed");
        }

        Map<String, Class<?>> bindings = new LinkedHashMap<>();
        stagedPatterns = new LinkedHashMap<>();
        conditionReads = new LinkedHashMap<>();
        conditionParameters.put(rule.getName(), conditionReads);
        List<BaseDescr> top = rule.getLhs().getDescrs();
        if (top.isEmpty() || !(top.get(0) instanceof PatternDescr first) || typeOf(first) != ClaimContext.class) {
            throw refuse(rule.getLine(), "rule \"" + rule.getName() + "\" must start by matching its claim: "
                    + "$c : ClaimContext(…)");
        }
        String key = checkPattern(first, bindings, null);
        for (int i = 1; i < top.size(); i++) {
            checkElement(top.get(i), bindings, key, rule);
        }
        Object consequence = rule.getConsequence();
        String code = consequence == null ? "" : consequence.toString();
        RuleCode.Consequence checked = RuleCode.consequence(code, file, codeLine(code, rule.getConsequenceLine()),
                types, bindings, vocabulary);
        rule.setConsequence(checked.text());
        Stage stage = checkStage(rule, declared, checked.stagedCalls());
        stages.put(rule.getName(), stage);
        rule.addAttribute(new AttributeDescr("agenda-group", stage.agendaGroup()));
    }

    /**
     * The rule's stage: the one its {@code @stage} names; without one, {@code count} if its consequence counts
     * ({@code count}, {@code deduct}) and {@code grant} otherwise, so rulesets written before stages, whose counting
     * rules ran first by salience, run as they did. Then what the rule does must belong to its stage: only counting
     * rules count, bases are read once counted, and what was granted once the grant stage is over.
     */
    private Stage checkStage(RuleDescr rule, Stage declared, Map<String, Integer> calls) {
        Integer counts = calls.containsKey("count") ? calls.get("count") : calls.get("deduct");
        Stage stage = declared != null ? declared : counts != null ? Stage.COUNT : Stage.GRANT;
        String named = "rule \"" + rule.getName() + "\" is in the " + stage.label() + " stage";
        if (counts != null && stage != Stage.COUNT) {
            throw refuse(counts, named + ": only a count-stage rule may count toward a base (count, deduct); "
                    + "its bases are final once the grant stage starts");
        }
        if (calls.containsKey("total") && stage == Stage.COUNT) {
            throw refuse(calls.get("total"), named + ": a total read while counting depends on the order rules "
                    + "count in; read it in a grant- or adjust-stage rule (match its Base)");
        }
        if (calls.containsKey("granted") && stage != Stage.ADJUST) {
            throw refuse(calls.get("granted"), named + ": what was granted is known from the adjust stage on");
        }
        Integer base = stagedPatterns.get(Base.class);
        if (base != null && stage == Stage.COUNT) {
            throw refuse(base, named + ": Base facts are inserted after the count stage; a rule matching one "
                    + "belongs to the grant or adjust stage");
        }
        Integer granted = stagedPatterns.get(Granted.class);
        if (granted != null && stage != Stage.ADJUST) {
            throw refuse(granted, named + ": Granted facts are inserted after the grant stage; a rule matching one "
                    + "belongs to the adjust stage (@stage(\"adjust\"))");
        }
        return stage;
    }

    private Stage stage(AnnotationDescr a, RuleDescr rule) {
        Map<String, Object> values = a.getValueMap();
        Object value = values.size() == 1 ? values.get(AnnotationDescr.VALUE) : null;
        String text = value == null ? null : RuleCode.stringLiteral(value.toString());
        Stage stage = text == null ? null : Stage.of(text);
        if (stage == null) {
            throw refuse(a.getLine() > 0 ? a.getLine() : rule.getLine(), "@stage takes one of " + Stage.labels()
                    + " as a string literal, was " + value);
        }
        return stage;
    }

    /**
     * The line where the consequence's text starts. Drools gives the line of {@code then} and strips the text's
     * leading blanks, so find the text's first line in the file from there.
     */
    private int codeLine(String code, int thenLine) {
        String head = code.strip();
        int cut = head.indexOf('\n');
        head = cut < 0 ? head : head.substring(0, cut).strip();
        int offset = 0;
        for (int line = 1; line < thenLine && offset >= 0; line++) {
            offset = drl.indexOf('\n', offset) + 1;
        }
        int at = head.isEmpty() || offset < 0 ? -1 : drl.indexOf(head, offset);
        return at < 0 ? thenLine : lineOf(drl, at) - leadingNewlines(code);
    }

    private static int leadingNewlines(String code) {
        int n = 0;
        for (int i = 0; i < code.length() && Character.isWhitespace(code.charAt(i)); i++) {
            if (code.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private String clauseText(AnnotationDescr a, RuleDescr rule) {
        Map<String, Object> values = a.getValueMap();
        Object value = values.size() == 1 ? values.get(AnnotationDescr.VALUE) : null;
        String text = value == null ? null : RuleCode.stringLiteral(value.toString());
        if (text == null) {
            throw refuse(rule.getLine(), "@clause takes one string literal");
        }
        return text;
    }

    private void checkElement(BaseDescr d, Map<String, Class<?>> bindings, String key, RuleDescr rule) {
        if (d instanceof PatternDescr p) {
            if (key == null) {
                throw refuse(p.getLine(), "a rule with more than one pattern binds its claim's key in the first "
                        + "($c : ClaimContext($k : key)) and joins every other pattern to it (key == $k)");
            }
            checkPattern(p, bindings, key);
        } else if (d instanceof NotDescr || d instanceof ExistsDescr || d instanceof AndDescr) {
            // Bindings inside not/exists are not visible after it.
            Map<String, Class<?>> inner = new LinkedHashMap<>(bindings);
            for (BaseDescr c : ((ConditionalElementDescr) d).getDescrs()) {
                checkElement(c, inner, key, rule);
            }
        } else {
            throw refuse(d.getLine() > 0 ? d.getLine() : rule.getLine(), describe(d)
                    + " is not allowed in a rule's conditions (allowed: patterns, not, exists)");
        }
    }

    private static String describe(BaseDescr d) {
        String name = d.getClass().getSimpleName().replace("Descr", "");
        return name.isEmpty() ? "this construct" : "'" + name.toLowerCase() + "'";
    }

    private Class<?> typeOf(PatternDescr p) {
        String name = p.getObjectType();
        Class<?> type = name == null ? null : types.get(name);
        if (type == null || !PER_CLAIM_FACTS.contains(type)) {
            throw refuse(p.getLine(), "pattern type " + name + " is not allowed: patterns match the facts the "
                    + "engine inserts for each claim (ClaimContext, Stay, Base, Granted), imported by their simple "
                    + "names");
        }
        if (type == Base.class || type == Granted.class) {
            stagedPatterns.putIfAbsent(type, p.getLine());
        }
        return type;
    }

    /**
     * Checks a pattern and rewrites its constraints to their checked text. Returns the variable bound to the claim
     * key in it, if any. {@code key} is the claim-key variable every pattern after the first must join on.
     */
    private String checkPattern(PatternDescr p, Map<String, Class<?>> bindings, String key) {
        Class<?> type = typeOf(p);
        if (p.getSource() != null) {
            throw refuse(p.getLine(), describe(p.getSource()) + " is not allowed as a pattern source (no from, "
                    + "accumulate, collect, entry-point or window)");
        }
        if (p.isQuery() || p.isUnification() || !p.getBehaviors().isEmpty() || !p.getAnnotations().isEmpty()) {
            throw refuse(p.getLine(), "this form of pattern is not allowed");
        }
        boolean joined = false;
        String boundKey = null;
        for (BaseDescr c : new ArrayList<>(p.getDescrs())) {
            if (!(c instanceof ExprConstraintDescr expr) || expr.getType() != ExprConstraintDescr.Type.NAMED) {
                throw refuse(c.getLine() > 0 ? c.getLine() : p.getLine(), "only named constraints are allowed");
            }
            int line = expr.getLine() > 0 ? expr.getLine() : p.getLine();
            BindingDescr binding = binding(expr.getExpression(), line);
            if (binding != null) {
                String var = newVariable(binding.getVariable(), bindings, line);
                RuleCode.Checked checked = RuleCode.expression(binding.getExpression(), file, line, types, bindings,
                        type, vocabulary);
                bindings.put(var, checked.type());
                conditionReads.putAll(checked.parameters());
                expr.setExpression(var + " : " + checked.text());
                if (checked.text().equals("key")) {
                    boundKey = var;
                }
            } else {
                RuleCode.Checked checked = RuleCode.expression(expr.getExpression(), file, line, types, bindings,
                        type, vocabulary);
                if (checked.type() != boolean.class && checked.type() != Boolean.class) {
                    throw refuse(line, "a constraint must be true or false, this is a "
                            + checked.type().getSimpleName());
                }
                expr.setExpression(checked.text());
                conditionReads.putAll(checked.parameters());
                joined |= key != null && (checked.text().equals("key == " + key)
                        || checked.text().equals(key + " == key"));
            }
        }
        if (key != null && !joined) {
            throw refuse(p.getLine(), "pattern " + p.getObjectType() + " must join its claim with the constraint "
                    + "key == " + key + ": claims evaluated together must not see each other");
        }
        if (p.getIdentifier() != null) {
            bindings.put(newVariable(p.getIdentifier(), bindings, p.getLine()), type);
        }
        return boundKey;
    }

    private String newVariable(String name, Map<String, Class<?>> bindings, int line) {
        if (!name.matches("\\$[A-Za-z][A-Za-z0-9_]*") || bindings.containsKey(name)) {
            throw refuse(line, "binding " + name + " must be a new name starting with $");
        }
        return name;
    }

    /** The binding a constraint is ({@code $k : key}), or null; Drools' own expression parser decides. */
    private BindingDescr binding(String text, int line) {
        DrlExprParser parser = DrlExprParserFactory.getDrlExprParser(LanguageLevelOption.DRL10);
        ConstraintConnectiveDescr parsed;
        try {
            parsed = parser.parse(text);
        } catch (StackOverflowError e) {
            throw refuse(line, "constraint nested too deeply to parse");
        }
        if (parser.hasErrors() || parsed == null) {
            throw refuse(line, "constraint does not parse: " + (parser.getErrors().isEmpty() ? text
                    : parser.getErrors().get(0).getMessage()));
        }
        List<BaseDescr> parts = parsed.getDescrs();
        if (parts.size() == 1 && parts.get(0) instanceof BindingDescr b) {
            if (b.isUnification()) {
                throw refuse(line, "unification (:=) is not allowed");
            }
            return b;
        }
        if (containsBinding(parsed)) {
            throw refuse(line, "a binding must be a constraint of its own: $x : property");
        }
        return null;
    }

    private static boolean containsBinding(BaseDescr d) {
        if (d instanceof BindingDescr) {
            return true;
        }
        if (d instanceof ConstraintConnectiveDescr c) {
            return c.getDescrs().stream().anyMatch(DrlSandbox::containsBinding);
        }
        return false;
    }
}
