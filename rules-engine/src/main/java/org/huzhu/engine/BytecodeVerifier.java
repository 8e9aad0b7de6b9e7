package org.huzhu.engine;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.DialectRuntimeData;
import org.drools.base.rule.consequence.Consequence;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.drools.mvel.asm.ConsequenceStub;
import org.huzhu.api.RulesetRefusedException;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The sandbox's second layer: after Drools compiles a ruleset, reads the bytecode of every class the compile
 * produced and refuses the whole ruleset if any instruction reaches a class or member outside an allowlist. It
 * depends on nothing the first layer (the check on the parsed DRL) decides, so a hole in one is not a hole in both.
 *
 * <h2>What it sees, in Drools' classic (drools-mvel) route</h2>
 * <ul>
 *   <li><b>Seen:</b> every class in the package's class store ({@link JavaDialectRuntimeData#getStore()}), which
 *   the builder fills before any session exists: each rule's class (ECJ compiles the consequence into its static
 *   {@code defaultConsequence} method, with any anonymous or local class as a class of its own), the consequence
 *   invoker stubs Drools generates with ASM, {@code function} classes, and the invoker stubs of {@code eval},
 *   predicates and inline accumulate code.</li>
 *   <li><b>Not seen:</b> constraints. Drools interprets them with MVEL, reflectively, until a constraint has been
 *   evaluated often enough to be jitted (ConstraintJittingThresholdOption), and the jitted class is created at run
 *   time, after this check. Annotation values ({@code @clause(...)}) and attribute expressions are evaluated by
 *   MVEL while compiling, i.e. before this check can run. {@code from} expressions and MVEL-dialect consequences
 *   are MVEL too. The first layer alone must refuse what hides there; this layer refuses an MVEL consequence
 *   outright because it cannot read it.</li>
 *   <li><b>Not seen, and not needed:</b> the consequence class {@code ConsequenceGenerator} writes at the first
 *   firing. Drools generates it from its own template: it casts the matched facts and calls the rule class's
 *   {@code defaultConsequence}, which was verified here.</li>
 * </ul>
 *
 * <h2>What is allowed</h2>
 * Ruleset code (rule classes and anything else the compile produced that Drools did not install as a consequence
 * invoker) may reference only: the authoring API {@code org.huzhu.api.ruleset} and the accessors of the model's
 * records and enums in {@code org.huzhu.api}, minus constructors, and
 * anything returning a class, class loader, URL, path, file, thread, stream or reflective object; a short list of
 * members of {@code BigDecimal}, {@code LocalDate}, {@code Period}, {@code Year}, {@code String}, {@code Math},
 * the boxes and {@code Object}; a cast to Drools' {@code KnowledgeHelper} (the generated preamble of every
 * consequence; no member of it is allowed); and {@code StringConcatFactory}, which ECJ (Drools' compiler here,
 * targeting Java 17) emits for every string {@code +}. Refused whatever it references: {@code new} and arrays,
 * loops (any backward jump), {@code try}/{@code catch}/{@code throw}, {@code synchronized}, any other
 * invokedynamic (lambdas, method references), class literals and method handles, field writes, calls between the
 * ruleset's own classes (functions, local classes: also the only way to recurse), and supertypes other than
 * {@code Object}.
 *
 * <p>Drools' own consequence invoker stubs reference Drools internals. They are recognised by what they are, not
 * by their (predictable) names: a class counts as one only if Drools installed an instance of it as a rule's
 * consequence, it implements exactly {@code ConsequenceStub} and {@code CompiledInvoker}, and it was produced by
 * this compile. Such a class is held to its own short list of Drools members. Any other generated invoker (eval,
 * predicate, inline accumulate, named consequences) is held to the ruleset's list and so is refused.
 */
final class BytecodeVerifier {
    /** Members Drools' consequence invoker stubs use: their template, read off the bundled rulesets. */
    private static final Set<String> STUB_MEMBERS = Set.of(
            "java/lang/Object.<init>()V",
            "java/lang/Object.getClass()Ljava/lang/Class;",
            "java/lang/Boolean.FALSE",
            "java/lang/Boolean.TRUE",
            "org/drools/mvel/asm/ConsequenceGenerator.generate(Lorg/drools/mvel/asm/ConsequenceStub;"
                    + "Lorg/drools/base/rule/consequence/ConsequenceContext;Lorg/drools/base/base/ValueResolver;)V",
            "org/drools/mvel/asm/MethodComparator.compareBytecode(Ljava/lang/String;Ljava/lang/String;)Z",
            "org/drools/mvel/asm/MethodComparator.getMethodBytecode(Ljava/lang/Class;Ljava/lang/String;"
                    + "Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;",
            "org/drools/base/rule/accessor/CompiledInvoker.getMethodBytecode()Ljava/lang/String;",
            "org/drools/base/rule/consequence/Consequence.evaluate(Lorg/drools/base/rule/consequence/"
                    + "ConsequenceContext;Lorg/drools/base/base/ValueResolver;)V");
    private static final Set<String> STUB_TYPES = Set.of("java/lang/String", "java/lang/Boolean",
            "org/drools/base/rule/accessor/CompiledInvoker");
    private static final List<String> STUB_INTERFACES = List.of("org/drools/mvel/asm/ConsequenceStub",
            "org/drools/base/rule/accessor/CompiledInvoker");

    /**
     * JDK members ruleset code may call, by owner: a bare name allows every overload, {@code name(desc)} only that
     * one. Left out on purpose: BigDecimal multiply, divide, pow, scaleByPowerOfTen, setScale, movePoint*, round,
     * toBigInteger and valueOf(long, int) (each grows a number without a loop, or builds 1e999999999 cheaply);
     * String repeat, replace*, concat, format, matches, split, chars and lines (growth, regular expressions,
     * streams); now() anywhere (the clock); Integer.getInteger, Long.getLong, Boolean.getBoolean (system
     * properties); getClass everywhere.
     */
    private static final Map<String, Set<String>> JDK_METHODS = Map.ofEntries(
            Map.entry("java/lang/Object", Set.of("<init>()V", "equals", "hashCode", "toString")),
            Map.entry("java/lang/String", Set.of("valueOf", "length", "isEmpty", "isBlank", "equals",
                    "equalsIgnoreCase", "hashCode", "toString", "compareTo", "contains", "startsWith", "endsWith",
                    "indexOf", "lastIndexOf", "substring", "charAt", "trim", "strip")),
            Map.entry("java/math/BigDecimal", Set.of(
                    "valueOf(J)Ljava/math/BigDecimal;", "valueOf(D)Ljava/math/BigDecimal;",
                    "add(Ljava/math/BigDecimal;)Ljava/math/BigDecimal;",
                    "subtract(Ljava/math/BigDecimal;)Ljava/math/BigDecimal;",
                    "max", "min", "compareTo", "signum", "negate()Ljava/math/BigDecimal;",
                    "abs()Ljava/math/BigDecimal;", "toPlainString", "toString", "equals", "hashCode", "intValue",
                    "longValue", "intValueExact", "longValueExact", "scale", "precision")),
            Map.entry("java/time/LocalDate", Set.of("of", "isBefore", "isAfter", "isEqual", "equals",
                    "compareTo", "hashCode", "toString", "getYear", "getMonthValue", "getDayOfMonth", "getDayOfYear",
                    "plusDays", "plusMonths", "plusYears", "minusDays", "minusMonths", "minusYears",
                    "lengthOfMonth", "lengthOfYear", "isLeapYear", "withDayOfMonth", "withMonth", "withYear",
                    "toEpochDay", "until(Ljava/time/chrono/ChronoLocalDate;)Ljava/time/Period;")),
            Map.entry("java/time/Period", Set.of("between", "of", "ofDays", "ofMonths", "ofYears", "getYears",
                    "getMonths", "getDays", "toTotalMonths", "isNegative", "isZero", "equals", "hashCode",
                    "toString")),
            Map.entry("java/time/Year", Set.of("of", "getValue", "isLeap", "length", "atDay", "equals",
                    "compareTo", "hashCode", "toString")),
            Map.entry("java/lang/Math", Set.of("min", "max", "abs", "addExact", "subtractExact", "multiplyExact")),
            Map.entry("java/lang/Integer", Set.of("valueOf(I)Ljava/lang/Integer;", "intValue", "longValue",
                    "compareTo", "compare", "equals", "hashCode", "toString")),
            Map.entry("java/lang/Long", Set.of("valueOf(J)Ljava/lang/Long;", "longValue", "intValue",
                    "compareTo", "compare", "equals", "hashCode", "toString")),
            Map.entry("java/lang/Boolean", Set.of("valueOf(Z)Ljava/lang/Boolean;", "booleanValue", "equals",
                    "hashCode", "toString")),
            // The model's exclusion sets: membership only; no iteration (no loops), no streams.
            Map.entry("java/util/Set", Set.of("contains", "isEmpty", "size")),
            Map.entry("java/util/List", Set.of("contains", "isEmpty", "size")),
            Map.entry("java/util/Collection", Set.of("contains", "isEmpty", "size")));
    private static final Set<String> JDK_FIELDS = Set.of("java/math/BigDecimal.ZERO", "java/math/BigDecimal.ONE",
            "java/math/BigDecimal.TEN", "java/lang/Boolean.TRUE", "java/lang/Boolean.FALSE");
    /** Types ruleset code may cast to or test with instanceof. */
    private static final Set<String> JDK_TYPES = Set.of("java/lang/Object", "java/lang/String",
            "java/math/BigDecimal", "java/time/LocalDate", "java/time/Period", "java/time/Year", "java/lang/Integer",
            "java/lang/Long", "java/lang/Boolean", "java/lang/Number", "java/util/Set", "java/util/List",
            "java/util/Collection", "org/drools/core/rule/consequence/KnowledgeHelper");
    private static final String STRING_CONCAT = "java/lang/invoke/StringConcatFactory";
    /** API types that are not for rulesets even though they live in org.huzhu.api. */
    private static final Set<String> API_EXCLUDED = Set.of("org/huzhu/api/SubsidyEngine",
            "org/huzhu/api/EvaluationRequest", "org/huzhu/api/EvaluationResult", "org/huzhu/api/Decision",
            "org/huzhu/api/RulesetInfo", "org/huzhu/api/RulesetId", "org/huzhu/api/Texts");
    /** API members whose arguments are unbounded: {@code Figures.money(x, Integer.MAX_VALUE)} repeats "0". */
    private static final Set<String> API_EXCLUDED_MEMBERS = Set.of(
            "org/huzhu/api/ruleset/Figures.money(Ljava/math/BigDecimal;I)Ljava/lang/String;",
            // A message's key is checked at load only when it comes from $c.msg("key").
            "org/huzhu/api/Message.of(Ljava/lang/String;)Lorg/huzhu/api/Message;",
            "org/huzhu/api/Message.of(Ljava/lang/String;[Lorg/huzhu/api/Value;)Lorg/huzhu/api/Message;");
    /** Nothing allowed may hand these out: each is a way out of the sandbox (reflection, I/O, threads). */
    private static final List<String> DANGEROUS_RETURNS = List.of("java.lang.Class", "java.lang.ClassLoader",
            "java.lang.Thread", "java.lang.Module", "java.lang.ProcessBuilder", "java.lang.Process",
            "java.lang.Runtime", "java.net.", "java.io.", "java.nio.", "java.lang.reflect.", "java.lang.invoke.",
            "java.security.", "java.util.stream.", "java.util.concurrent.");

    /** Whether an API owner + member is allowed, decided by reflection once per JVM. */
    private static final Map<String, Boolean> API_DECISIONS = new ConcurrentHashMap<>();

    private final String ruleset;
    private final Map<String, String> ruleLocations;
    private final Map<String, String> ruleOfClass = new HashMap<>();
    private final Set<String> own = new HashSet<>();
    private final Set<String> stubs = new HashSet<>();

    private BytecodeVerifier(String ruleset, Map<String, String> ruleLocations) {
        this.ruleset = ruleset;
        this.ruleLocations = ruleLocations;
    }

    /**
     * Verifies every class the compile of one ruleset produced.
     *
     * @param ruleset       the ruleset's origin, for messages without a rule
     * @param packages      what the knowledge builder built
     * @param ruleLocations rule name → {@code file:line}, for messages
     * @throws RulesetRefusedException naming the rule's file and line, and the rule, when it can be derived
     */
    static void verify(String ruleset, Collection<KiePackage> packages, Map<String, String> ruleLocations) {
        new BytecodeVerifier(ruleset, ruleLocations).run(packages);
    }

    private void run(Collection<KiePackage> packages) {
        Map<String, byte[]> classes = new HashMap<>();
        List<RuleImpl> rules = new ArrayList<>();
        for (KiePackage kp : packages) {
            InternalKnowledgePackage pkg = (InternalKnowledgePackage) kp;
            DialectRuntimeData data = pkg.getDialectRuntimeRegistry().getDialectData("java");
            if (data instanceof JavaDialectRuntimeData java) {
                java.getStore().forEach((resource, bytes) -> {
                    if (resource.endsWith(".class")) {
                        classes.put(resource.substring(0, resource.length() - ".class".length()), bytes);
                    }
                });
            }
            for (Rule r : pkg.getRules()) {
                rules.add((RuleImpl) r);
            }
            for (String global : pkg.getGlobals().keySet()) {
                // A global is state shared outside the claim, handed to consequences as a parameter: no
                // instruction names it, so it is refused as such.
                String where = ruleLocations.get("global:" + global);
                throw new RulesetRefusedException(where != null ? where : ruleset, "global '" + global
                        + "' is not allowed [second layer: compiled bytecode]");
            }
        }
        own.addAll(classes.keySet());
        for (RuleImpl rule : rules) {
            Consequence consequence = rule.getConsequence();
            if (rule.hasNamedConsequences()) {
                throw refuse(rule.getName(), "named consequences are not allowed (the second layer checks only "
                        + "a rule's one consequence)");
            }
            String cls = consequence == null ? null : consequence.getClass().getName().replace('.', '/');
            if (!(consequence instanceof ConsequenceStub stub) || !own.contains(cls)) {
                throw refuse(rule.getName(), "its consequence is not compiled Java ("
                        + (consequence == null ? "none" : consequence.getClass().getSimpleName())
                        + "), so the second layer cannot check it: use the Java dialect");
            }
            stubs.add(cls);
            ruleOfClass.put(cls, rule.getName());
            ruleOfClass.put(stub.getInternalRuleClassName(), rule.getName());
        }
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            new ClassReader(e.getValue()).accept(new Checker(e.getKey()), ClassReader.SKIP_DEBUG);
        }
    }

    private RulesetRefusedException refuse(String rule, String message) {
        String where = rule == null ? null : ruleLocations.get("rule:" + rule);
        return new RulesetRefusedException(where != null ? where : ruleset,
                (rule == null ? "" : "rule \"" + rule + "\": ") + message + " [second layer: compiled bytecode]");
    }

    /** {@code java.math.BigDecimal.multiply(java.math.BigDecimal)}: how a refusal names a method. */
    private static String member(String owner, String name, String desc) {
        return dotted(owner) + "." + name + "(" + String.join(", ", List.of(Type.getArgumentTypes(desc)).stream()
                .map(Type::getClassName).toList()) + ")";
    }

    private static String dotted(String internal) {
        return internal.replace('/', '.');
    }

    /** Checks one class; a ruleset class against the ruleset allowlist, a consequence stub against its own. */
    private final class Checker extends ClassVisitor {
        private final String name;
        private final boolean stub;
        private String host;

        Checker(String name) {
            super(Opcodes.ASM9);
            this.name = name;
            this.stub = stubs.contains(name);
            this.host = name;
        }

        private String rule() {
            String r = ruleOfClass.get(name);
            return r != null ? r : ruleOfClass.get(host);
        }

        private RulesetRefusedException refused(String message) {
            String r = rule();
            if (r == null) {
                String function = ruleLocations.get("function:" + dotted(host));
                if (function != null) {
                    return new RulesetRefusedException(function, "function " + dotted(host) + ": " + message
                            + " [second layer: compiled bytecode]");
                }
            }
            return refuse(r, r == null ? "class " + dotted(name) + " " + message : message);
        }

        private String superName;
        private List<String> interfaces;

        @Override
        public void visit(int version, int access, String n, String signature, String superName,
                          String[] interfaces) {
            // Checked at visitEnd, once the InnerClasses and NestHost attributes have named the rule's class.
            this.superName = superName;
            this.interfaces = interfaces == null ? List.of() : List.of(interfaces);
        }

        @Override
        public void visitEnd() {
            List<String> itf = interfaces;
            if (!"java/lang/Object".equals(superName)) {
                throw refused("extends " + dotted(superName) + ": ruleset code may not extend anything");
            }
            if (stub ? !itf.equals(STUB_INTERFACES) : !itf.isEmpty()) {
                throw refused("implements " + itf.stream().map(BytecodeVerifier::dotted).toList()
                        + ": ruleset code may not implement interfaces");
            }
        }

        @Override
        public void visitNestHost(String nestHost) {
            host = nestHost;
        }

        @Override
        public void visitInnerClass(String inner, String outer, String simpleName, int access) {
            if (inner.equals(name) && outer != null) {
                host = outer; // a member class (e.g. an accumulate's) belongs to its rule's class
            }
        }

        @Override
        public void visitOuterClass(String owner, String n, String descriptor) {
            host = owner;
        }

        @Override
        public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
                                         String[] exceptions) {
            return stub ? new StubMethod() : new RulesetMethod(method);
        }

        /** Drools' template: its control flow is Drools' own; only its references are checked. */
        private final class StubMethod extends MethodVisitor {
            StubMethod() {
                super(Opcodes.ASM9);
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String n, String desc, boolean itf) {
                if (!owner.equals(name) && !STUB_MEMBERS.contains(owner + "." + n + desc)) {
                    throw refused("its invoker reaches " + member(owner, n, desc));
                }
            }

            @Override
            public void visitFieldInsn(int opcode, String owner, String n, String desc) {
                if (!owner.equals(name) && !STUB_MEMBERS.contains(owner + "." + n)) {
                    throw refused("its invoker reaches " + dotted(owner) + "." + n);
                }
            }

            @Override
            public void visitTypeInsn(int opcode, String type) {
                if (opcode == Opcodes.NEW || !STUB_TYPES.contains(type)) {
                    throw refused("its invoker uses type " + dotted(type));
                }
            }

            @Override
            public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                if (type != null) {
                    throw refused("its invoker catches " + dotted(type));
                }
            }

            @Override
            public void visitLdcInsn(Object value) {
                if (!(value instanceof String || value instanceof Integer)) {
                    throw refused("its invoker loads a constant " + value);
                }
            }

            @Override
            public void visitInvokeDynamicInsn(String n, String desc, Handle bsm, Object... args) {
                throw refused("its invoker uses invokedynamic");
            }

            @Override
            public void visitMultiANewArrayInsn(String desc, int dims) {
                throw refused("its invoker creates an array " + desc);
            }
        }

        /** Ruleset code: straight-line, allowlisted references only. */
        private final class RulesetMethod extends MethodVisitor {
            private final String method;
            private final Set<Label> seen = new HashSet<>();

            RulesetMethod(String method) {
                super(Opcodes.ASM9);
                this.method = method;
            }

            private RulesetRefusedException no(String what) {
                return refused(what + " is not allowed");
            }

            @Override
            public void visitLabel(Label label) {
                seen.add(label);
            }

            @Override
            public void visitJumpInsn(int opcode, Label label) {
                if (seen.contains(label)) {
                    throw no("a loop");
                }
            }

            @Override
            public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
                checkTargets(dflt, labels);
            }

            @Override
            public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
                checkTargets(dflt, labels);
            }

            private void checkTargets(Label dflt, Label[] labels) {
                if (seen.contains(dflt) || List.of(labels).stream().anyMatch(seen::contains)) {
                    throw no("a loop");
                }
            }

            @Override
            public void visitInsn(int opcode) {
                switch (opcode) {
                    case Opcodes.ATHROW -> throw no("throw");
                    case Opcodes.MONITORENTER, Opcodes.MONITOREXIT -> throw no("synchronized");
                    default -> {
                    }
                }
            }

            @Override
            public void visitIntInsn(int opcode, int operand) {
                if (opcode == Opcodes.NEWARRAY) {
                    throw no("an array");
                }
            }

            @Override
            public void visitMultiANewArrayInsn(String desc, int dims) {
                throw no("an array");
            }

            @Override
            public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                throw no(type == null ? "try/finally or synchronized" : "catching " + dotted(type));
            }

            @Override
            public void visitTypeInsn(int opcode, String type) {
                switch (opcode) {
                    case Opcodes.NEW -> throw no("new " + dotted(type));
                    case Opcodes.ANEWARRAY -> throw no("an array of " + dotted(type));
                    default -> {
                        if (!JDK_TYPES.contains(type) && !apiType(type)) {
                            throw no("a cast to or instanceof " + dotted(type));
                        }
                    }
                }
            }

            @Override
            public void visitLdcInsn(Object value) {
                if (value instanceof Type t) {
                    throw no("the class literal " + t.getClassName() + ".class");
                }
                if (value instanceof Handle || value instanceof ConstantDynamic) {
                    throw no("a method handle or dynamic constant");
                }
            }

            @Override
            public void visitInvokeDynamicInsn(String n, String desc, Handle bsm, Object... args) {
                boolean concat = bsm.getOwner().equals(STRING_CONCAT)
                        && (bsm.getName().equals("makeConcatWithConstants") || bsm.getName().equals("makeConcat"))
                        && List.of(args).stream().allMatch(a -> a instanceof String);
                if (!concat) {
                    throw no("invokedynamic " + dotted(bsm.getOwner()) + "." + bsm.getName()
                            + " (lambdas and method references)");
                }
            }

            @Override
            public void visitFieldInsn(int opcode, String owner, String n, String desc) {
                if (opcode == Opcodes.PUTFIELD || opcode == Opcodes.PUTSTATIC) {
                    throw no("writing the field " + dotted(owner) + "." + n);
                }
                if (own.contains(owner)) {
                    throw no("reading " + dotted(owner) + "." + n + " (ruleset code may not share state)");
                }
                boolean ok = opcode == Opcodes.GETSTATIC
                        && (JDK_FIELDS.contains(owner + "." + n) || apiEnumConstant(owner, n));
                if (!ok) {
                    throw no(dotted(owner) + "." + n);
                }
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String n, String desc, boolean itf) {
                if (own.contains(owner)) {
                    boolean superInit = method.equals("<init>") && n.equals("<init>");
                    if (!superInit || opcode != Opcodes.INVOKESPECIAL) {
                        throw no("calling " + dotted(owner) + "." + n + " (functions and classes of the ruleset "
                                + "are not callable from rules)");
                    }
                    return;
                }
                if (n.equals("<init>") && !(owner.equals("java/lang/Object") && method.equals("<init>"))) {
                    throw no("new " + dotted(owner));
                }
                if (!allowsCall(owner, n, desc)) {
                    throw no("calling " + member(owner, n, desc));
                }
            }
        }
    }

    /** Whether ruleset code may call this method (owner in internal form, e.g. {@code java/math/BigDecimal}). */
    static boolean allowsCall(String owner, String name, String desc) {
        Set<String> jdk = JDK_METHODS.get(owner);
        return jdk != null ? jdk.contains(name) || jdk.contains(name + desc) : apiMethod(owner, name, desc);
    }

    // ---- the authoring API and model, decided by reflection -----------------------------------------

    private static boolean apiOwner(String owner) {
        return (owner.startsWith("org/huzhu/api/") && !owner.startsWith("org/huzhu/api/json/"))
                && !API_EXCLUDED.contains(owner);
    }

    /** The authoring API's classes, and the model's records and enums (not exceptions, not the engine). */
    private static Class<?> apiClass(String owner) {
        if (!apiOwner(owner)) {
            return null;
        }
        try {
            Class<?> c = Class.forName(dotted(owner), false, BytecodeVerifier.class.getClassLoader());
            boolean authoring = c.getPackageName().equals("org.huzhu.api.ruleset");
            boolean model = c.isRecord() || c.isEnum();
            return Modifier.isPublic(c.getModifiers()) && (authoring || model)
                    && !Throwable.class.isAssignableFrom(c) ? c : null;
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static boolean apiType(String type) {
        return API_DECISIONS.computeIfAbsent(type, t -> apiClass(t) != null);
    }

    private static boolean apiEnumConstant(String owner, String field) {
        return API_DECISIONS.computeIfAbsent(owner + "." + field, k -> {
            Class<?> c = apiClass(owner);
            if (c == null) {
                return false;
            }
            try {
                Field f = c.getField(field);
                return f.isEnumConstant();
            } catch (NoSuchFieldException e) {
                return false;
            }
        });
    }

    private static boolean apiMethod(String owner, String name, String desc) {
        return API_DECISIONS.computeIfAbsent(owner + "." + name + desc, k -> {
            Class<?> c = apiClass(owner);
            if (c == null || name.equals("<init>")
                    || API_EXCLUDED_MEMBERS.contains(k)) {
                return false;
            }
            for (Method m : c.getMethods()) {
                if (!m.getName().equals(name) || !Type.getMethodDescriptor(m).equals(desc)) {
                    continue;
                }
                Class<?> declaring = m.getDeclaringClass();
                boolean fromApi = declaring == c || apiClass(declaring.getName().replace('.', '/')) != null;
                // Inherited from Object, Enum or Record: only the value methods, never getClass or
                // getDeclaringClass (the first step of the enum → Class → ProtectionDomain chain).
                boolean valueMethod = Set.of("equals", "hashCode", "toString", "name", "ordinal", "compareTo")
                        .contains(name);
                boolean arrays = m.getReturnType().isArray();
                return (fromApi || valueMethod) && !arrays && !dangerous(m.getReturnType())
                        && !(c.isEnum() && name.equals("values"));
            }
            return false;
        });
    }

    private static boolean dangerous(Class<?> type) {
        String n = type.getName();
        return DANGEROUS_RETURNS.stream().anyMatch(d -> d.endsWith(".") ? n.startsWith(d) : n.equals(d));
    }
}
