package org.huzhu.engine;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.printer.DefaultPrettyPrinter;
import com.github.javaparser.printer.configuration.DefaultConfigurationOption;
import com.github.javaparser.printer.configuration.DefaultPrinterConfiguration;
import com.github.javaparser.printer.configuration.DefaultPrinterConfiguration.ConfigOption;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.huzhu.api.RulesetRefusedException;
import org.huzhu.api.ReasonCode;
import org.huzhu.api.ruleset.CodeRef;
import org.huzhu.api.ruleset.KindRef;
import org.huzhu.api.ruleset.MessageRef;
import org.huzhu.api.ruleset.ParameterRef;
import org.huzhu.api.ruleset.Parameters;
import org.huzhu.api.ruleset.Pure;

/**
 * Layer 1 of the sandbox for the code inside rules: every constraint and every consequence is parsed as Java by a
 * real parser (JavaParser), then each node is checked against a grammar that allows only what a rule needs, and the
 * static type of every expression is worked out so that every call and field access resolves to a (type, member)
 * pair in {@link MemberAllowlist}. What passes is printed back from the tree, without comments, and that printed
 * text is what Drools compiles, so nothing the check did not see can reach the compiler.
 *
 * <p>The grammar. Statements: local declarations of allowed types with an explicit type, assignment to a local,
 * {@code if}/{@code else}, blocks and method calls; at most {@value #MAX_STATEMENTS} per consequence. A String local is
 * written once, from values and never from another String local, so text cannot double step by step. Expressions:
 * names (bound facts, locals, imported types, and in a constraint the pattern's properties), calls and field
 * accesses that resolve to allowed members, string and boolean literals, {@code null}, the integer literals 0 and 1,
 * {@code + - * / %} on {@code int}/{@code long} (and {@code +} to join text), comparison, {@code && || !},
 * {@code ?:} and parentheses. Nothing else: no {@code new}, arrays, casts, lambdas, method references,
 * {@code instanceof}, class literals, text blocks, loops, {@code switch}, {@code try}/{@code throw},
 * {@code synchronized}, labels, local or anonymous classes, {@code var}, {@code return}, and no decimal or other
 * numeric literals: figures come from the parameters.
 */
final class RuleCode {
    static final int MAX_STATEMENTS = 40;
    static final int MAX_DEPTH = 40;
    static final int MAX_NODES = 2_000;

    /** The static type of {@code null}. */
    private static final class Null {
    }

    /** JavaParser instances are not thread-safe, and rulesets load in parallel. */
    private static final ThreadLocal<JavaParser> PARSERS = ThreadLocal.withInitial(() -> new JavaParser(
            new ParserConfiguration()
                    .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
                    .setAttributeComments(false)));
    private static final com.github.javaparser.printer.configuration.PrinterConfiguration PRINTING =
            new DefaultPrinterConfiguration()
            .removeOption(new DefaultConfigurationOption(ConfigOption.PRINT_COMMENTS))
            .removeOption(new DefaultConfigurationOption(ConfigOption.PRINT_JAVADOC));

    /** Prints a checked tree back as source, without comments: this text is what Drools compiles. */
    private static String print(Node n) {
        return new DefaultPrettyPrinter(PRINTING).print(n);
    }

    private final MemberAllowlist allow = MemberAllowlist.RULES;
    private final String file;
    private final int firstLine;
    private final Map<String, Class<?>> types;
    private final Map<String, Class<?>> bindings;
    private final Class<?> patternType;
    private final Vocabulary vocabulary;
    private final Deque<Map<String, Class<?>>> locals = new ArrayDeque<>();
    private int statements;
    private int nodes;
    private boolean textInitializer;
    private final Map<String, String> parametersRead = new java.util.LinkedHashMap<>();
    /** Which of ClaimContext's count and total this consequence calls. */
    private final Set<String> countingCalls = new java.util.HashSet<>();
    /** The stage-bound ClaimContext methods this consequence calls, each with the line of its first call. */
    private final Map<String, Integer> stagedCalls = new java.util.LinkedHashMap<>();
    /** ClaimContext methods whose use decides or limits a rule's stage (see {@link DrlSandbox}). */
    static final Set<String> STAGED_METHODS = Set.of("count", "deduct", "total", "granted");

    private RuleCode(String file, int firstLine, Map<String, Class<?>> types, Map<String, Class<?>> bindings,
                     Class<?> patternType, Vocabulary vocabulary) {
        this.file = file;
        this.firstLine = firstLine;
        this.types = types;
        this.bindings = bindings;
        this.patternType = patternType;
        this.vocabulary = vocabulary;
    }

    /** A constraint or binding expression of a pattern, checked: its canonical text and its type. */
    /**
     * @param parameters the parameters the expression reads through the helpers, name → type: a constraint's
     *                   reads decide eligibility, so the engine records them with the rule's outcome
     */
    record Checked(String text, Class<?> type, Map<String, String> parameters) {
    }

    /**
     * Checks one expression inside a pattern of {@code patternType}: names not bound or imported are the pattern's
     * properties, as in Drools' constraint language.
     */
    static Checked expression(String code, String file, int line, Map<String, Class<?>> types,
                              Map<String, Class<?>> bindings, Class<?> patternType, Vocabulary vocabulary) {
        RuleCode c = new RuleCode(file, line, types, bindings, patternType, vocabulary);
        Expression e = c.parse(() -> PARSERS.get().parseExpression(code), line);
        Class<?> type = c.guarded(() -> c.type(e, 0), line);
        // In the order read, as the engine lists a rule's condition parameters in its outcomes: Map.copyOf's order
        // changes from one JVM to the next, and with it the bytes of a decision.
        return new Checked(print(e), type, java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(c.parametersRead)));
    }

    /** The value of a Java string literal (escapes undone), or null if the text is anything else. */
    static String stringLiteral(String code) {
        ParseResult<Expression> r;
        try {
            r = PARSERS.get().parseExpression(code);
        } catch (StackOverflowError e) {
            return null;
        }
        return r.isSuccessful() && r.getResult().orElse(null) instanceof StringLiteralExpr s ? s.asString() : null;
    }

    /**
     * A checked consequence: its canonical text (the statements printed back from the checked tree), and the
     * stage-bound ClaimContext methods it calls ({@link #STAGED_METHODS}), each with the line of its first call.
     */
    record Consequence(String text, Map<String, Integer> stagedCalls) {
    }

    /** Checks a consequence. */
    static Consequence consequence(String code, String file, int line, Map<String, Class<?>> types,
                                   Map<String, Class<?>> bindings, Vocabulary vocabulary) {
        RuleCode c = new RuleCode(file, line, types, bindings, null, vocabulary);
        // Wrapped in braces that add no line, so the parser's lines are the DRL's lines counted from `then`.
        BlockStmt block = c.parse(() -> PARSERS.get().parseBlock("{" + code + "\n}"), line);
        c.guarded(() -> {
            c.block(block, 0);
            return null;
        }, line);
        return new Consequence(block.getStatements().stream().map(RuleCode::print).collect(Collectors.joining("\n")),
                Map.copyOf(c.stagedCalls));
    }

    private <T extends Node> T parse(java.util.function.Supplier<ParseResult<T>> parse, int line) {
        ParseResult<T> result;
        try {
            result = parse.get();
        } catch (StackOverflowError e) {
            throw refuse(line, "nested too deeply to check");
        }
        if (!result.isSuccessful() || result.getResult().isEmpty()) {
            Problem p = result.getProblems().isEmpty() ? null : result.getProblems().get(0);
            int at = p == null ? line : p.getLocation().flatMap(l -> l.getBegin().getRange())
                    .map(r -> firstLine + r.begin.line - 1).orElse(line);
            String message = p == null ? "cannot be parsed" : p.getMessage().lines().findFirst().orElse("");
            throw refuse(at, "is not allowed rule code (it does not parse as the rule grammar): " + message);
        }
        return result.getResult().get();
    }

    private <T> T guarded(java.util.function.Supplier<T> check, int line) {
        try {
            return check.get();
        } catch (StackOverflowError e) {
            throw refuse(line, "nested too deeply to check");
        }
    }

    private int lineOf(Node n) {
        return n.getBegin().map(p -> firstLine + p.line - 1).orElse(firstLine);
    }

    private RulesetRefusedException refuse(int line, String message) {
        return new RulesetRefusedException(file + ":" + line, message);
    }

    private RulesetRefusedException refuse(Node n, String message) {
        return refuse(lineOf(n), message);
    }

    // ---- statements ---------------------------------------------------------------------------------

    private void block(BlockStmt b, int depth) {
        locals.push(new HashMap<>());
        for (Statement s : b.getStatements()) {
            statement(s, depth + 1);
        }
        locals.pop();
    }

    private void statement(Statement s, int depth) {
        if (++statements > MAX_STATEMENTS) {
            throw refuse(s, "more than " + MAX_STATEMENTS + " statements in one consequence: split the rule");
        }
        if (depth > MAX_DEPTH) {
            throw refuse(s, "nested more than " + MAX_DEPTH + " deep");
        }
        if (s instanceof BlockStmt b) {
            block(b, depth);
        } else if (s instanceof EmptyStmt) {
            return;
        } else if (s instanceof IfStmt i) {
            expect(boolean.class, type(i.getCondition(), depth), i.getCondition());
            branch(i.getThenStmt(), depth);
            if (i.getElseStmt().isPresent()) {
                branch(i.getElseStmt().get(), depth);
            }
        } else if (s instanceof ExpressionStmt e) {
            Expression x = e.getExpression();
            if (x instanceof VariableDeclarationExpr v) {
                declare(v, depth);
            } else if (x instanceof AssignExpr a) {
                assign(a, depth);
            } else if (x instanceof MethodCallExpr) {
                type(x, depth);
            } else {
                throw refuse(x, describe(x) + " is not allowed as a statement");
            }
        } else {
            throw refuse(s, describe(s) + " is not allowed in a consequence (allowed: local declarations, "
                    + "assignment, if/else and method calls)");
        }
    }

    /** The body of an if or else runs in its own scope, as in Java. */
    private void branch(Statement s, int depth) {
        locals.push(new HashMap<>());
        statement(s, depth + 1);
        locals.pop();
    }

    private void declare(VariableDeclarationExpr v, int depth) {
        if (v.getModifiers().stream().anyMatch(m -> !m.getKeyword().asString().equals("final"))
                || !v.getAnnotations().isEmpty()) {
            throw refuse(v, "modifiers and annotations on local variables are not allowed");
        }
        for (VariableDeclarator d : v.getVariables()) {
            Class<?> type = localType(d.getType());
            String name = d.getNameAsString();
            if (name.startsWith("$") || lookupLocal(name) != null || bindings.containsKey(name)) {
                throw refuse(d, "local variable '" + name + "' must be new and not start with $");
            }
            if (d.getInitializer().isPresent()) {
                Expression init = d.getInitializer().get();
                // Text is written once from values, never from other text locals: s = s + s doubles without a loop.
                textInitializer = type == String.class;
                expect(type, type(init, depth), init);
                textInitializer = false;
            }
            locals.peek().put(name, type);
        }
    }

    private Class<?> localType(Type t) {
        if (t.isVarType()) {
            throw refuse(t, "'var' is not allowed: write the local variable's type");
        }
        if (t instanceof PrimitiveType p) {
            return switch (p.getType()) {
                case INT -> int.class;
                case LONG -> long.class;
                case BOOLEAN -> boolean.class;
                default -> throw refuse(t, "local variables of type " + p + " are not allowed");
            };
        }
        if (t instanceof ClassOrInterfaceType c && c.getScope().isEmpty() && c.getTypeArguments().isEmpty()) {
            Class<?> type = namedType(c.getNameAsString());
            if (type == org.huzhu.api.Message.class) {
                // Built in one expression, so the sandbox counts its values against its template at load.
                throw refuse(t, "a Message is not kept in a local: build it where it is used, "
                        + "$c.msg(\"key\").with(…)");
            }
            if (type != null && allow.isValueType(type) && !allow.isOpaque(type)) {
                return type;
            }
        }
        throw refuse(t, "local variables of type " + t + " are not allowed (allowed: int, long, boolean, String, "
                + "and the imported value and model types)");
    }

    private void assign(AssignExpr a, int depth) {
        if (a.getOperator() != AssignExpr.Operator.ASSIGN || !(a.getTarget() instanceof NameExpr n)) {
            throw refuse(a, "only plain assignment to a local variable is allowed");
        }
        Class<?> type = lookupLocal(n.getNameAsString());
        if (type == null) {
            throw refuse(a, "'" + n.getNameAsString() + "' is not a local variable of this consequence");
        }
        if (type == String.class) {
            throw refuse(a, "a String local is written once, where it is declared (text must not grow step by step)");
        }
        expect(type, type(a.getValue(), depth), a.getValue());
    }

    private Class<?> lookupLocal(String name) {
        for (Map<String, Class<?>> scope : locals) {
            Class<?> t = scope.get(name);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    // ---- expressions --------------------------------------------------------------------------------

    /** A name that denotes a type (as the scope of a static call or field), not a value. */
    private record TypeName(Class<?> type) {
    }

    private Class<?> type(Expression e, int depth) {
        Object r = resolve(e, depth);
        if (r instanceof TypeName t) {
            throw refuse(e, "type " + t.type().getSimpleName() + " is not a value");
        }
        return (Class<?>) r;
    }

    private Object resolve(Expression e, int depth) {
        if (depth > MAX_DEPTH) {
            throw refuse(e, "expression nested more than " + MAX_DEPTH + " deep");
        }
        if (++nodes > MAX_NODES) {
            throw refuse(e, "expression larger than " + MAX_NODES + " parts: split the rule");
        }
        int d = depth + 1;
        if (e instanceof EnclosedExpr en) {
            return type(en.getInner(), d);
        }
        if (e instanceof NameExpr n) {
            return name(n);
        }
        if (e instanceof ThisExpr t) {
            if (patternType == null || t.getTypeName().isPresent()) {
                throw refuse(e, "'this' is only allowed in a pattern's constraints, for the fact itself");
            }
            return patternType;
        }
        if (e instanceof StringLiteralExpr) {
            return String.class;
        }
        if (e instanceof BooleanLiteralExpr) {
            return boolean.class;
        }
        if (e instanceof NullLiteralExpr) {
            return Null.class;
        }
        if (e instanceof IntegerLiteralExpr i) {
            if (!i.getValue().equals("0") && !i.getValue().equals("1")) {
                throw refuse(e, "the number " + i.getValue() + " is not allowed in rule code: figures come from "
                        + "parameters.yaml (only 0 and 1 may be written)");
            }
            return int.class;
        }
        if (e instanceof FieldAccessExpr f) {
            return field(f, d);
        }
        if (e instanceof MethodCallExpr m) {
            return call(m, d);
        }
        if (e instanceof BinaryExpr b) {
            return binary(b, d);
        }
        if (e instanceof UnaryExpr u) {
            Class<?> t = type(u.getExpression(), d);
            switch (u.getOperator()) {
                case LOGICAL_COMPLEMENT -> {
                    expect(boolean.class, t, u.getExpression());
                    return boolean.class;
                }
                case MINUS -> {
                    return numeric(t, u.getExpression());
                }
                default -> throw refuse(e, "the operator " + u.getOperator().asString() + " is not allowed");
            }
        }
        if (e instanceof ConditionalExpr c) {
            expect(boolean.class, type(c.getCondition(), d), c.getCondition());
            Class<?> a = value(type(c.getThenExpr(), d), c.getThenExpr());
            Class<?> b = value(type(c.getElseExpr(), d), c.getElseExpr());
            if (a == Null.class) {
                return b;
            }
            if (b == Null.class || a == b) {
                return a;
            }
            if (isNumeric(a) && isNumeric(b)) {
                return unbox(a) == long.class || unbox(b) == long.class ? long.class : int.class;
            }
            throw refuse(e, "both branches of ?: must have the same type (" + a.getSimpleName() + ", "
                    + b.getSimpleName() + ")");
        }
        throw refuse(e, describe(e) + " is not allowed in rule code");
    }

    private Object name(NameExpr n) {
        String name = n.getNameAsString();
        Class<?> local = lookupLocal(name);
        if (local == String.class && textInitializer) {
            throw refuse(n, "a String local may not be built from another String local ('" + name + "')");
        }
        if (local != null) {
            return local;
        }
        Class<?> bound = bindings.get(name);
        if (bound != null) {
            return bound;
        }
        Class<?> type = namedType(name);
        if (type != null) {
            return new TypeName(type);
        }
        if (patternType != null && !name.startsWith("$")) {
            return property(patternType, name, n);
        }
        throw refuse(n, "'" + name + "' is not a bound fact, a local variable or an imported type");
    }

    private Class<?> namedType(String simpleName) {
        return types.get(simpleName);
    }

    private Object field(FieldAccessExpr f, int depth) {
        Object scope = resolve(f.getScope(), depth);
        String name = f.getNameAsString();
        if (scope instanceof TypeName t) {
            Field field = allow.staticField(t.type(), name);
            if (field != null) {
                return field.getType();
            }
            Class<?> nested = allow.nestedType(t.type(), name);
            if (nested != null) {
                return new TypeName(nested);
            }
            throw refuse(f, t.type().getSimpleName() + "." + name + " is not allowed");
        }
        if (patternType == null) {
            throw refuse(f, "field access '" + f + "' is not allowed in a consequence: call the accessor");
        }
        return property((Class<?>) scope, name, f);
    }

    /**
     * A property in a constraint, resolved as Drools' constraint language does: {@code getX()}, {@code isX()} or a
     * record's {@code x()}. Every method the name could mean must be allowed, so the check and Drools cannot
     * disagree on which one runs.
     */
    private Class<?> property(Class<?> type, String name, Node at) {
        if (allow.isOpaque(type)) {
            throw refuse(at, "no member of " + type.getSimpleName() + " may be used in rules");
        }
        String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        Method found = null;
        for (String candidate : List.of("get" + cap, "is" + cap, name)) {
            Method allowed = allow.methods(type, candidate).stream()
                    .filter(m -> m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()))
                    .findFirst().orElse(null);
            boolean exists = java.util.Arrays.stream(type.getMethods())
                    .anyMatch(m -> m.getName().equals(candidate) && m.getParameterCount() == 0);
            if (exists && allowed == null) {
                throw refuse(at, "property '" + name + "' of " + type.getSimpleName() + " is not allowed");
            }
            if (found == null) {
                found = allowed;
            }
        }
        if (found == null) {
            throw refuse(at, type.getSimpleName() + " has no property '" + name + "' that rules may read");
        }
        return found.getReturnType();
    }

    private Class<?> call(MethodCallExpr m, int depth) {
        if (m.getTypeArguments().isPresent()) {
            throw refuse(m, "type arguments are not allowed");
        }
        String name = m.getNameAsString();
        Object scope;
        if (m.getScope().isPresent()) {
            scope = resolve(m.getScope().get(), depth);
        } else if (patternType != null) {
            scope = patternType;
        } else {
            throw refuse(m, "'" + name + "(…)' is not allowed: a consequence calls methods of its bound facts "
                    + "(rules compute and record through ClaimContext; they never insert, modify or retract)");
        }
        boolean isStatic = scope instanceof TypeName;
        Class<?> receiver = isStatic ? ((TypeName) scope).type() : (Class<?>) scope;
        if (receiver == Null.class || receiver.isPrimitive()) {
            throw refuse(m, "'" + name + "' is not a method of " + receiver.getSimpleName());
        }
        List<Class<?>> args = new ArrayList<>();
        for (Expression a : m.getArguments()) {
            args.add(type(a, depth));
        }
        Method chosen = null;
        for (Method candidate : allow.methods(receiver, name)) {
            if (Modifier.isStatic(candidate.getModifiers()) == isStatic && applicable(candidate, args)) {
                if (chosen == null || exact(candidate, args)) {
                    chosen = candidate;
                }
            }
        }
        if (chosen == null) {
            String signature = name + "(" + args.stream().map(c -> c == Null.class ? "null" : c.getSimpleName())
                    .collect(Collectors.joining(", ")) + ")";
            throw refuse(m, (isStatic ? "static " : "") + signature + " on " + receiver.getSimpleName()
                    + " is not allowed" + (allow.methodNames(receiver).isEmpty() ? ""
                    : " (allowed: " + String.join(", ", new java.util.TreeSet<>(allow.methodNames(receiver))) + ")"));
        }
        if (name.equals("toString") && !isStatic) {
            boundedText(receiver, m);
        }
        if (chosen.getDeclaringClass() == String.class && name.equals("valueOf")) {
            boundedText(args.get(0), m.getArgument(0));
        }
        checkNamedArguments(chosen, m);
        checkMessageValues(chosen, m);
        checkPureInConditions(chosen, m);
        checkCountingAndTotals(chosen, m);
        if (patternType == null && chosen.getDeclaringClass() == org.huzhu.api.ruleset.ClaimContext.class
                && STAGED_METHODS.contains(name)) {
            stagedCalls.putIfAbsent(name, lineOf(m));
        }
        return chosen.getReturnType();
    }

    /**
     * Conditions call only the ClaimContext helpers marked {@link Pure}. Drools evaluates a condition whenever it
     * chooses (a ClaimContext pattern's when the claim is inserted, before any rule fires), so a helper that writes
     * the explanation, records an outcome or reads what rules recorded would write into, or decide on, whatever
     * happens to be recorded then.
     */
    private void checkPureInConditions(Method chosen, MethodCallExpr m) {
        if (patternType == null || chosen.getDeclaringClass() != org.huzhu.api.ruleset.ClaimContext.class
                || chosen.isAnnotationPresent(Pure.class)) {
            return;
        }
        Set<String> pure = new TreeSet<>();
        for (Method candidate : org.huzhu.api.ruleset.ClaimContext.class.getMethods()) {
            if (candidate.isAnnotationPresent(Pure.class)) {
                pure.add(candidate.getName());
            }
        }
        throw refuse(m, chosen.getName() + "(…) is not allowed in a condition: it writes the explanation, records "
                + "an outcome or reads what rules recorded; conditions call only the pure helpers ("
                + String.join(", ", pure) + ") and compute in the consequence");
    }

    /**
     * A consequence either counts toward bases or reads their totals, never both. {@code total(base)} copies the
     * base's counting steps into the working of the firing rule, and {@code count(…)} writes that working into a
     * base's counting steps: in one consequence, {@code total; total; count} triples the text, and 40 statements
     * make gigabytes. (The working is reset before every firing, so two rules cannot do it between them.)
     */
    private void checkCountingAndTotals(Method chosen, MethodCallExpr m) {
        if (patternType != null || chosen.getDeclaringClass() != org.huzhu.api.ruleset.ClaimContext.class) {
            return;
        }
        String name = chosen.getName().equals("deduct") ? "count" : chosen.getName();
        if (name.equals("total") || name.equals("count")) {
            String other = name.equals("total") ? "count" : "total";
            if (countingCalls.contains(other)) {
                throw refuse(m, "a consequence either counts toward a base (count) or reads a total (total), not "
                        + "both: count() writes the rule's working, which total() filled with a base's counting "
                        + "steps, so the text would grow with every pair; split the rule");
            }
            countingCalls.add(name);
        }
    }

    /**
     * What a ruleset's code may name by string: its parameters, the benefit kinds its {@code ruleset.yaml} declares
     * (and those it reads from the history), and the reason codes. Null (in tests) skips the names' check.
     */
    record Vocabulary(Parameters parameters, Set<String> benefitKinds, Set<String> historyKinds,
                      MessageBundle messages, Set<String> messagesUsed) {
        Vocabulary(Parameters parameters, Set<String> benefitKinds, Set<String> historyKinds) {
            this(parameters, benefitKinds, historyKinds, MessageBundle.ENGINE, new java.util.HashSet<>());
        }
    }

    /**
     * Arguments that name a parameter, a benefit kind or a reason code must be literals naming a declared one (of
     * the right type, for a parameter), so a misspelt name is refused at load, not when the rule first fires.
     */
    private void checkNamedArguments(Method method, MethodCallExpr call) {
        Annotation[][] annotations = method.getParameterAnnotations();
        for (int i = 0; i < annotations.length; i++) {
            for (Annotation a : annotations[i]) {
                Expression arg = call.getArgument(i);
                if (a instanceof KindRef && arg instanceof NullLiteralExpr) {
                    continue;   // the whole claim
                }
                if (!(a instanceof ParameterRef || a instanceof KindRef || a instanceof CodeRef
                        || a instanceof MessageRef)) {
                    continue;
                }
                if (!(arg instanceof StringLiteralExpr literal)) {
                    throw refuse(arg, method.getName() + "(…) takes " + (a instanceof ParameterRef ? "the parameter's "
                            + "name" : a instanceof KindRef ? "the benefit kind" : a instanceof MessageRef
                            ? "the message key" : "the reason code")
                            + " as a string literal, so that it is checked when the ruleset loads");
                }
                String name = literal.asString();
                if (a instanceof MessageRef) {
                    if (vocabulary != null) {
                        MessageBundle.Template t = vocabulary.messages().get(name);
                        if (t == null || name.startsWith(MessageBundle.ENGINE_PREFIX)) {
                            throw refuse(arg, "message key '" + name + "' is not in messages.yaml (each key a rule "
                                    + "uses needs {zh, en} there)");
                        }
                        vocabulary.messagesUsed().add(name);
                    }
                    continue;
                }
                if (vocabulary == null) {
                    if (a instanceof ParameterRef ref) {
                        parametersRead.put(name, ref.value());
                    }
                    continue;
                }
                if (a instanceof ParameterRef ref) {
                    parametersRead.put(name, ref.value());
                    Parameters parameters = vocabulary.parameters();
                    if (!parameters.has(name)) {
                        throw refuse(arg, "reads parameter '" + name + "', which parameters.yaml does not declare");
                    }
                    String declared = parameters.named(name).type();
                    if (!declared.equals(ref.value())) {
                        throw refuse(arg, "reads parameter '" + name + "' as " + ref.value()
                                + ", but parameters.yaml declares it as " + declared);
                    }
                } else if (a instanceof KindRef kind) {
                    boolean known = vocabulary.benefitKinds().contains(name)
                            || kind.history() && vocabulary.historyKinds().contains(name);
                    if (!known) {
                        throw refuse(arg, "benefit kind '" + name + "' is not declared in ruleset.yaml (benefits: "
                                + String.join(", ", new TreeSet<>(vocabulary.benefitKinds()))
                                + (kind.history() && !vocabulary.historyKinds().isEmpty() ? "; historyKinds: "
                                + String.join(", ", new TreeSet<>(vocabulary.historyKinds())) : "") + ")");
                    }
                } else if (Arrays.stream(ReasonCode.values()).noneMatch(c -> c.name().equals(name))) {
                    throw refuse(arg, "'" + name + "' is not a reason code (see ReasonCode)");
                }
            }
        }
    }

    /**
     * Where a message expression ends ({@code $c.msg("key").with(a).with(b)} used as an argument), its values are
     * counted against its template: as many {@code with} as placeholders, so no language shows {@code {2}} or drops
     * a value. Messages are never kept in locals, so every one is built in a single expression.
     */
    private void checkMessageValues(Method chosen, MethodCallExpr m) {
        if (chosen.getReturnType() != org.huzhu.api.Message.class || vocabulary == null) {
            return;
        }
        if (m.getParentNode().orElse(null) instanceof MethodCallExpr parent && parent.getScope().orElse(null) == m) {
            return;   // not the end of the chain
        }
        int values = 0;
        Expression e = m;
        while (e instanceof MethodCallExpr call && call.getNameAsString().startsWith("with")) {
            values++;
            e = call.getScope().orElse(null);
            while (e instanceof com.github.javaparser.ast.expr.EnclosedExpr enclosed) {
                e = enclosed.getInner();
            }
        }
        if (!(e instanceof MethodCallExpr start && start.getNameAsString().equals("msg")
                && start.getArguments().size() == 1 && start.getArgument(0) instanceof StringLiteralExpr key)) {
            throw refuse(m, "a message is built in one expression from its key: $c.msg(\"key\").with(…)");
        }
        MessageBundle.Template t = vocabulary.messages().get(key.asString());
        if (t != null && t.arity() != values) {
            throw refuse(m, "message '" + key.asString() + "' has " + t.arity() + " placeholder"
                    + (t.arity() == 1 ? "" : "s") + " in messages.yaml but is given " + values + " value"
                    + (values == 1 ? "" : "s"));
        }
    }

    private Class<?> binary(BinaryExpr b, int depth) {
        Class<?> l = value(type(b.getLeft(), depth), b.getLeft());
        Class<?> r = value(type(b.getRight(), depth), b.getRight());
        switch (b.getOperator()) {
            case AND, OR -> {
                expect(boolean.class, l, b.getLeft());
                expect(boolean.class, r, b.getRight());
                return boolean.class;
            }
            case EQUALS, NOT_EQUALS -> {
                return boolean.class;
            }
            case LESS, GREATER, LESS_EQUALS, GREATER_EQUALS -> {
                boolean comparable = isNumeric(l) && isNumeric(r)
                        // The constraint language compares these by compareTo; Java code must call it.
                        || patternType != null && l == r && (l == BigDecimal.class || l == LocalDate.class);
                if (!comparable) {
                    throw refuse(b, "cannot compare " + l.getSimpleName() + " with " + r.getSimpleName()
                            + (l == BigDecimal.class ? ": use compareTo" : ""));
                }
                return boolean.class;
            }
            case PLUS -> {
                if (l == String.class || r == String.class) {
                    boundedText(l, b.getLeft());
                    boundedText(r, b.getRight());
                    return String.class;
                }
                return arithmetic(l, r, b);
            }
            case MINUS, MULTIPLY, DIVIDE, REMAINDER -> {
                return arithmetic(l, r, b);
            }
            default -> throw refuse(b, "the operator " + b.getOperator().asString() + " is not allowed");
        }
    }

    /**
     * Values whose text grows with the claim (all its stays, payments or enrolments: megabytes at the 10,000 stays
     * a claim may hold) are never turned into text: {@code "" + claim + claim + …} would copy them hundreds of times in
     * one consequence. Rules name what they mean: a stay's label, a date, an amount. ClaimContext's text is Object's
     * (an identity hash): a rule branching on it would decide differently in every run.
     */
    private static final Set<Class<?>> UNBOUNDED_TEXT = Set.of(org.huzhu.api.Claim.class, org.huzhu.api.Member.class,
            org.huzhu.api.BenefitHistory.class, List.class, Set.class, Map.class, Object.class,
            // Object's text: an identity hash, different in every run and between a batch and a claim alone.
            org.huzhu.api.ruleset.ClaimContext.class);

    private void boundedText(Class<?> type, Node at) {
        if (UNBOUNDED_TEXT.contains(type)) {
            throw refuse(at, "a " + type.getSimpleName() + " cannot be turned into text in rule code (its text grows "
                    + "with the claim's stays and history): name the part you mean");
        }
    }

    private Class<?> arithmetic(Class<?> l, Class<?> r, BinaryExpr b) {
        if (!isNumeric(l) || !isNumeric(r)) {
            throw refuse(b, "arithmetic with " + b.getOperator().asString() + " is only for int and long ("
                    + l.getSimpleName() + ", " + r.getSimpleName() + "); money goes through ClaimContext's helpers"
                    + " or BigDecimal's add/subtract");
        }
        return unbox(l) == long.class || unbox(r) == long.class ? long.class : int.class;
    }

    /** A call that returns nothing is a statement, never a value (not even in {@code == null}). */
    private Class<?> value(Class<?> t, Node at) {
        if (t == void.class) {
            throw refuse(at, "'" + at + "' returns nothing: it can only stand as a statement of a consequence");
        }
        return t;
    }

    private Class<?> numeric(Class<?> t, Node at) {
        if (!isNumeric(t)) {
            throw refuse(at, "expected an int or long, found " + t.getSimpleName());
        }
        return unbox(t);
    }

    private static boolean isNumeric(Class<?> t) {
        Class<?> u = unbox(t);
        return u == int.class || u == long.class;
    }

    private static Class<?> unbox(Class<?> t) {
        return t == Integer.class ? int.class : t == Long.class ? long.class : t == Boolean.class ? boolean.class : t;
    }

    private void expect(Class<?> expected, Class<?> actual, Node at) {
        if (!assignable(actual, expected)) {
            throw refuse(at, "expected " + expected.getSimpleName() + ", found "
                    + (actual == Null.class ? "null" : actual.getSimpleName()));
        }
    }

    private static boolean applicable(Method m, List<Class<?>> args) {
        Class<?>[] params = m.getParameterTypes();
        if (params.length != args.size() || m.isVarArgs()) {
            return false;
        }
        for (int i = 0; i < params.length; i++) {
            if (!assignable(args.get(i), params[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean exact(Method m, List<Class<?>> args) {
        return List.of(m.getParameterTypes()).equals(args);
    }

    private static boolean assignable(Class<?> from, Class<?> to) {
        if (from == Null.class) {
            return !to.isPrimitive();
        }
        Class<?> f = unbox(from);
        Class<?> t = unbox(to);
        if (f == t) {
            return true;
        }
        if (f == int.class && t == long.class) {
            return true;
        }
        if (from.isPrimitive() && !to.isPrimitive()) {
            return to == Object.class;
        }
        return !from.isPrimitive() && !to.isPrimitive() && to.isAssignableFrom(from);
    }

    /** What a refused node is, in words a ruleset author recognises. */
    static String describe(Node n) {
        String kind = n.getClass().getSimpleName();
        return switch (kind) {
            case "ObjectCreationExpr" -> "'new'";
            case "ArrayCreationExpr", "ArrayAccessExpr", "ArrayInitializerExpr" -> "an array";
            case "LambdaExpr" -> "a lambda";
            case "MethodReferenceExpr" -> "a method reference";
            case "CastExpr" -> "a cast";
            case "InstanceOfExpr" -> "instanceof";
            case "ClassExpr" -> "a class literal";
            case "TextBlockLiteralExpr" -> "a text block";
            case "CharLiteralExpr" -> "a char literal";
            case "DoubleLiteralExpr", "LongLiteralExpr" -> "a numeric literal (figures come from parameters.yaml)";
            case "SwitchExpr", "SwitchStmt" -> "switch";
            case "ForStmt", "ForEachStmt", "WhileStmt", "DoStmt" -> "a loop";
            case "TryStmt" -> "try";
            case "ThrowStmt" -> "throw";
            case "SynchronizedStmt" -> "synchronized";
            case "LabeledStmt" -> "a label";
            case "LocalClassDeclarationStmt", "LocalRecordDeclarationStmt" -> "a local class";
            case "ReturnStmt" -> "return";
            case "BreakStmt", "ContinueStmt" -> "break/continue";
            case "AssertStmt" -> "assert";
            case "YieldStmt" -> "yield";
            case "SuperExpr" -> "super";
            case "AssignExpr" -> "assignment inside an expression";
            default -> kind.replaceAll("(Expr|Stmt)$", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        };
    }
}
