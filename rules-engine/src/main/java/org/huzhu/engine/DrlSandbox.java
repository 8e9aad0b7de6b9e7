package org.huzhu.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.ParserError;
import org.huzhu.api.RulesetException;
import org.huzhu.api.RulesetRefusedException;

/**
 * The sandbox: parses a DRL file and checks its descr against an allowlist before anything is compiled.
 * Drools 10 has no switch against a DRL that writes files or starts processes, so the engine refuses such a
 * ruleset here and compiles exactly the descr it checked.
 *
 * <p>Allowed: imports of rules-api model and ruleset types, and of {@code java.math}/{@code java.time} value types;
 * patterns over imported types; {@code not}, {@code exists}, {@code forall}, {@code or}; {@code accumulate} with
 * the built-in functions only; {@code collect}; method calls on bound facts, locals, allowed types and their
 * results. Refused: {@code function}, {@code global}, {@code declare}, {@code eval}, {@code from},
 * {@code entry-point}, inline accumulate code, fully qualified names, backslash-u (unicode) escapes, the Drools runtime
 * ({@code drools}, {@code kcontext}), reflection and class-loading members, lambdas, MVEL {@code def} and
 * {@code import}, the date-effective attributes (claims are dated by their own date, never the clock), and the
 * engine-only methods of {@code ClaimContext}.
 */
final class DrlSandbox {
    private static final Set<String> ALLOWED_JDK_IMPORTS = Set.of(
            "java.math.BigDecimal", "java.math.RoundingMode", "java.time.LocalDate", "java.time.Period",
            "java.time.MonthDay", "java.time.Year", "java.time.YearMonth", "java.time.Month",
            "java.time.DayOfWeek", "java.time.temporal.ChronoUnit");
    private static final Set<String> REFUSED_API_IMPORTS = Set.of(
            "org.huzhu.api.SubsidyEngine", "org.huzhu.api.json.HuzhuJson");
    /** Types usable without import (java.lang value types). */
    private static final Set<String> IMPLICIT_TYPES = Set.of("String", "Integer", "Long", "Boolean", "Math",
            "Number", "Object", "Double");
    /** Identifiers refused wherever they stand: the runtime, reflection, class loading, processes, threads. */
    private static final Set<String> REFUSED_NAMES = Set.of(
            "drools", "kcontext", "System", "Runtime", "Class", "ClassLoader", "Thread", "ThreadGroup",
            "ProcessBuilder", "Process", "Clock", "SecurityManager", "getClass", "forName", "class", "classLoader",
            "getClassLoader", "getContextClassLoader", "invoke", "invokeExact", "getMethod", "getMethods",
            "getDeclaredMethod", "getDeclaredMethods", "getField", "getFields", "getDeclaredField",
            "getDeclaredFields", "getConstructor", "getConstructors", "getDeclaredConstructor",
            "getDeclaredConstructors", "setAccessible", "newInstance", "getRuntime", "exec", "exit", "halt",
            "loadClass", "getResource", "getResourceAsStream", "getKieRuntime", "getKnowledgeRuntime",
            "getWorkingMemory", "getEntryPoint", "getKieBase", "wait", "notify", "notifyAll", "finalize", "now",
            "def", "import", "MethodHandles", "getModule", "getPackage");
    private static final Set<String> KEYWORDS = Set.of("new", "return", "if", "else", "for", "while", "true",
            "false", "null", "this", "instanceof", "int", "long", "boolean", "var", "final", "break", "continue",
            "do", "in", "matches", "memberOf", "contains", "soundslike", "str", "not", "excludes", "after",
            "before", "coincides", "during", "finishes", "includes", "meets", "overlaps", "starts", "switch",
            "case", "default", "char", "byte", "short", "float", "double", "void");
    private static final Set<String> CONSEQUENCE_CALLS = Set.of("insert", "insertLogical", "update", "modify",
            "delete", "retract");
    private static final Set<String> ACCUMULATE_FUNCTIONS = Set.of("sum", "count", "min", "max", "average",
            "collectList", "collectSet");
    private static final Set<String> PACKAGE_ROOTS = Set.of("java", "javax", "jdk", "sun", "com", "org", "net",
            "io", "kotlin", "scala", "groovy", "jakarta", "mvel", "mvel2");
    private static final Set<String> REFUSED_ATTRIBUTES = Set.of("date-effective", "date-expires", "calendars",
            "timer", "duration");

    private static final Pattern TOKEN = Pattern.compile(
            "\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|//[^\\n]*|/\\*.*?\\*/|(\\$?[A-Za-z_][A-Za-z0-9_]*)"
                    + "|(->|::)|(\\n)|(\\S)", Pattern.DOTALL);
    private static final Pattern BINDING = Pattern.compile("^\\s*(\\$[A-Za-z0-9_]+)\\s*:");
    private static final Pattern LOCAL_DECLARATION = Pattern.compile(
            "\\b([A-Z][A-Za-z0-9_]*|int|long|boolean|var)\\s*(?:<[^>]*>)?\\s+([a-z_][A-Za-z0-9_]*)\\s*[=;:]");

    private final String file;
    private final String drl;
    private final Set<String> allowedTypes = new HashSet<>(IMPLICIT_TYPES);

    private DrlSandbox(String file, String drl) {
        this.file = file;
        this.drl = drl;
    }

    /** Parses and checks one DRL file; returns the descr that may be compiled. */
    static PackageDescr check(String file, String drl) {
        refuseUnicodeEscapes(file, drl);
        PackageDescr pkg = parseOnly(file, drl);
        new DrlSandbox(file, drl).checkPackage(pkg);
        return pkg;
    }

    /** Parses one DRL file without checking it (only for tests that switch the first layer off). */
    static PackageDescr parseOnly(String file, String drl) {
        DrlParser parser = new DrlParser();
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, drl);
        } catch (DroolsParserException e) {
            throw new RulesetException(file + ":" + e.getLineNumber(), "does not parse: " + e.getMessage());
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
        for (ImportDescr imp : pkg.getImports()) {
            String target = imp.getTarget();
            boolean api = target.startsWith("org.huzhu.api.") && !target.endsWith(".*")
                    && !REFUSED_API_IMPORTS.contains(target) && !target.startsWith("org.huzhu.api.json.");
            if (!api && !ALLOWED_JDK_IMPORTS.contains(target)) {
                throw refuse(imp.getLine(), "import of " + target + " is not allowed (only org.huzhu.api types, "
                        + "and " + ALLOWED_JDK_IMPORTS + ")");
            }
            allowedTypes.add(target.substring(target.lastIndexOf('.') + 1));
        }
        if (!pkg.getFunctions().isEmpty()) {
            throw refuse(pkg.getFunctions().get(0).getLine(), "function '" + pkg.getFunctions().get(0).getName()
                    + "' is not allowed: put shared arithmetic in the engine's helpers");
        }
        if (!pkg.getFunctionImports().isEmpty()) {
            throw refuse(pkg.getFunctionImports().get(0).getLine(), "import function is not allowed");
        }
        if (!pkg.getAccumulateImports().isEmpty()) {
            throw refuse(pkg.getAccumulateImports().get(0).getLine(), "import accumulate is not allowed");
        }
        if (!pkg.getGlobals().isEmpty()) {
            throw refuse(pkg.getGlobals().get(0).getLine(), "global '" + pkg.getGlobals().get(0).getIdentifier()
                    + "' is not allowed: rules read ClaimContext");
        }
        if (!pkg.getTypeDeclarations().isEmpty() || !pkg.getEnumDeclarations().isEmpty()
                || !pkg.getEntryPointDeclarations().isEmpty() || !pkg.getWindowDeclarations().isEmpty()) {
            throw refuse(-1, "declare is not allowed");
        }
        for (AttributeDescr a : pkg.getAttributes()) {
            checkAttribute(a);
        }
        for (RuleDescr rule : pkg.getRules()) {
            checkRule(rule);
        }
    }

    private void checkAttribute(AttributeDescr a) {
        if (REFUSED_ATTRIBUTES.contains(a.getName())) {
            throw refuse(a.getLine(), "attribute " + a.getName() + " is not allowed: the claim's own date picks "
                    + "the version, never the clock");
        }
        if (a.getName().equals("salience") || a.getName().equals("enabled")) {
            checkCode(a.getValue(), a.getLine(), false, Set.of());
        }
    }

    private void checkRule(RuleDescr rule) {
        for (Map.Entry<String, AttributeDescr> a : rule.getAttributes().entrySet()) {
            checkAttribute(a.getValue());
        }
        Set<String> bound = new HashSet<>();
        checkElement(rule.getLhs(), bound);
        Object consequence = rule.getConsequence();
        if (consequence != null) {
            String code = consequence.toString();
            checkCode(code, codeLine(code, rule.getConsequenceLine()), true, bound);
        }
    }

    /** The line where the consequence's code starts: Drools gives the line of {@code then}. */
    private int codeLine(String code, int thenLine) {
        String head = code.strip();
        int cut = head.indexOf('\n');
        head = cut < 0 ? head : head.substring(0, cut).strip();
        int offset = 0;
        for (int line = 1; line < thenLine && offset >= 0; line++) {
            offset = drl.indexOf('\n', offset) + 1;
        }
        int at = head.isEmpty() || offset < 0 ? -1 : drl.indexOf(head, offset);
        return at < 0 ? thenLine : lineOf(drl, at);
    }

    private void checkElement(BaseDescr d, Set<String> bound) {
        if (d instanceof AndDescr || d instanceof OrDescr || d instanceof NotDescr || d instanceof ExistsDescr) {
            for (BaseDescr c : ((org.drools.drl.ast.descr.ConditionalElementDescr) d).getDescrs()) {
                checkElement(c, bound);
            }
        } else if (d instanceof ForallDescr f) {
            for (BaseDescr c : f.getDescrs()) {
                checkElement(c, bound);
            }
        } else if (d instanceof PatternDescr p) {
            checkPattern(p, bound);
        } else {
            throw refuse(d.getLine(), describe(d) + " is not allowed in a rule's conditions");
        }
    }

    private void checkPattern(PatternDescr p, Set<String> bound) {
        String type = p.getObjectType();
        if (type == null || type.contains(".") || !allowedTypes.contains(type)) {
            throw refuse(p.getLine(), "pattern type " + type + " is not allowed: use an imported org.huzhu.api "
                    + "type by its simple name");
        }
        if (p.getIdentifier() != null) {
            bound.add(p.getIdentifier());
        }
        BaseDescr source = p.getSource();
        if (source instanceof AccumulateDescr acc) {
            if (acc.getInitCode() != null || acc.getActionCode() != null || acc.getResultCode() != null
                    || acc.getReverseCode() != null || acc.getFunctions().isEmpty()) {
                throw refuse(acc.getLine(), "inline accumulate code is not allowed: use sum, count, min, max, "
                        + "average, collectList or collectSet");
            }
            checkElement(acc.getInput(), bound);
            for (AccumulateDescr.AccumulateFunctionCallDescr f : acc.getFunctions()) {
                if (!ACCUMULATE_FUNCTIONS.contains(f.getFunction())) {
                    throw refuse(acc.getLine(), "accumulate function " + f.getFunction() + " is not allowed");
                }
                if (f.getBind() != null) {
                    bound.add(f.getBind());
                }
                for (String param : f.getParams()) {
                    checkCode(param, acc.getLine(), false, bound);
                }
            }
        } else if (source instanceof CollectDescr collect) {
            checkPattern(collect.getInputPattern(), bound);
        } else if (source != null) {
            throw refuse(source.getLine(), describe(source) + " is not allowed as a pattern source (no from, "
                    + "entry-point or window)");
        }
        for (BaseDescr c : p.getDescrs()) {
            if (!(c instanceof ExprConstraintDescr expr)) {
                throw refuse(c.getLine(), describe(c) + " is not allowed as a constraint");
            }
            String text = expr.getExpression();
            Matcher binding = BINDING.matcher(text);
            if (binding.find()) {
                bound.add(binding.group(1));
            }
            checkCode(text, expr.getLine(), false, bound);
        }
    }

    private static String describe(BaseDescr d) {
        String name = d.getClass().getSimpleName().replace("Descr", "");
        return name.isEmpty() ? "this construct" : "'" + name.toLowerCase() + "'";
    }

    /**
     * Checks a constraint expression or a consequence. In a constraint, a lower-case name at the start of a
     * chain is a property of the pattern's type; in a consequence it must be a local variable declared there.
     */
    private void checkCode(String code, int firstLine, boolean consequence, Set<String> bound) {
        Set<String> locals = new HashSet<>();
        if (consequence) {
            Matcher m = LOCAL_DECLARATION.matcher(stripLiterals(code));
            while (m.find()) {
                locals.add(m.group(2));
            }
        }
        Matcher m = TOKEN.matcher(code);
        int line = firstLine;
        String previous = "";
        boolean afterNew = false;
        while (m.find()) {
            if (m.group(3) != null) {
                line++;
                continue;
            }
            String tok = m.group();
            if (tok.startsWith("/*") || tok.startsWith("\"") || tok.startsWith("'") || tok.startsWith("//")) {
                line += count(tok, '\n');
                previous = "literal";
                continue;
            }
            if (m.group(2) != null) {
                throw refuse(line, "'" + tok + "' (lambdas and method references) is not allowed");
            }
            if (m.group(1) != null) {
                String id = tok;
                if (REFUSED_NAMES.contains(id) || id.startsWith("engine")) {
                    throw refuse(line, "'" + id + "' is not allowed in a ruleset");
                }
                boolean member = previous.equals(".");
                boolean chainStart = !member && followedByDot(code, m.end());
                if (!member && !id.startsWith("$") && !KEYWORDS.contains(id)) {
                    if (Character.isUpperCase(id.charAt(0))) {
                        if (!allowedTypes.contains(id)) {
                            throw refuse(line, "type " + id + " is not allowed: import an org.huzhu.api type or "
                                    + "one of " + ALLOWED_JDK_IMPORTS);
                        }
                    } else if (PACKAGE_ROOTS.contains(id) && chainStart) {
                        throw refuse(line, "fully qualified names are not allowed ('" + id + ".…')");
                    } else if (consequence && !locals.contains(id) && !CONSEQUENCE_CALLS.contains(id)) {
                        throw refuse(line, "'" + id + "' is not a bound fact or a local variable");
                    } else if (afterNew) {
                        throw refuse(line, "new " + id + " is not allowed");
                    }
                }
                afterNew = id.equals("new");
                previous = id;
                continue;
            }
            afterNew = false;
            previous = tok;
        }
    }

    private static boolean followedByDot(String code, int from) {
        for (int i = from; i < code.length(); i++) {
            char c = code.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '.';
            }
        }
        return false;
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    private static String stripLiterals(String code) {
        return code.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"").replaceAll("//[^\\n]*", "");
    }
}
