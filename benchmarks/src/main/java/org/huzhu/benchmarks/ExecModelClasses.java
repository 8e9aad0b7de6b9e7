package org.huzhu.benchmarks;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.huzhu.engine.internal.RulesetSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Answers "does bytecode cover everything with the executable model?" for the bundled rulesets: builds each with
 * the exec model, reads every generated class with ASM, and prints (1) for one Wujin rule the classes that hold
 * its constraints and consequence with the members they call, (2) per ruleset, the generated classes by kind and
 * any reference to MVEL or to reflection (what a verifier could not see through), and (3) whether a rule
 * annotation's value runs while compiling on either route (a harmless System.setProperty as the probe).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.huzhu.benchmarks.ExecModelClasses ["rule name"]</pre>
 */
public final class ExecModelClasses {
    private ExecModelClasses() {
    }

    public static void main(String[] args) {
        String rule = args.length > 0 ? args[0] : "Stay with an exclusion counts 0";
        Map<String, RulesetSource> sources = Bundled.sources();
        Map<String, byte[]> wujin = classes(Routes.execModel.build(sources.get("wujin@2024").effectiveDrl()));
        System.out.println("== Wujin 2024, rule \"" + rule + "\": the generated classes that hold it");
        oneRule(wujin, rule);
        System.out.println();
        System.out.println("== Every bundled ruleset: generated classes by kind; references to MVEL or reflection");
        sources.forEach((id, source) -> {
            Map<String, byte[]> cls = classes(Routes.execModel.build(source.effectiveDrl()));
            Map<String, Integer> kinds = new TreeMap<>();
            Set<String> suspicious = new TreeSet<>();
            cls.forEach((name, bytes) -> {
                kinds.merge(kind(name), 1, Integer::sum);
                for (String ref : references(bytes)) {
                    if (ref.startsWith("org/mvel2/") || ref.startsWith("org/drools/mvel/")
                            || ref.startsWith("java/lang/reflect/") || ref.startsWith("java/lang/Class.")) {
                        suspicious.add(simple(name) + " -> " + ref);
                    }
                }
            });
            System.out.println(id + ": " + cls.size() + " classes " + kinds + (suspicious.isEmpty()
                    ? ", no MVEL or reflection" : ", " + suspicious));
        });
        System.out.println();
        System.out.println("== Does an annotation value run at compile time?");
        annotationProbe();
    }

    /** The rule's method in a RuleMethods class, the lambda classes it names, and what each of them calls. */
    private static void oneRule(Map<String, byte[]> classes, String rule) {
        classes.forEach((name, bytes) -> {
            if (!name.contains("RuleMethods")) {
                return;
            }
            new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String method, String desc, String sig, String[] ex) {
                    return new MethodVisitor(Opcodes.ASM9) {
                        final Set<String> lambdas = new TreeSet<>();
                        boolean mine;

                        @Override
                        public void visitLdcInsn(Object value) {
                            mine |= rule.equals(value);
                        }

                        @Override
                        public void visitFieldInsn(int op, String owner, String field, String d) {
                            if (owner.contains("/Lambda")) {
                                lambdas.add(owner);
                            }
                        }

                        @Override
                        public void visitEnd() {
                            if (!mine) {
                                return;
                            }
                            System.out.println(simple(name) + "." + method + " builds the rule (patterns, "
                                    + "metadata, salience) and takes these singletons:");
                            for (String l : lambdas) {
                                byte[] lb = classes.get(l + ".class");
                                System.out.println("  " + simple(l) + " calls " + (lb == null ? "?"
                                        : calls(lb)));
                            }
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG);
        });
    }

    private static Map<String, byte[]> classes(Routes.Built built) {
        InternalKieModule module = (InternalKieModule) built.builder().getKieModule();
        Map<String, byte[]> out = new TreeMap<>();
        for (String f : module.getFileNames()) {
            if (f.endsWith(".class")) {
                out.put(f, module.getBytes(f));
            }
        }
        return out;
    }

    private static String kind(String name) {
        String s = simple(name);
        for (String k : new String[] {"LambdaPredicate", "LambdaConsequence", "LambdaExtractor", "RuleMethods",
                "DomainClassesMetadata", "ProjectModel", "Rules"}) {
            if (s.contains(k)) {
                return k;
            }
        }
        return s;
    }

    private static String simple(String name) {
        String n = name.endsWith(".class") ? name.substring(0, name.length() - 6) : name;
        return n.substring(n.lastIndexOf('/') + 1);
    }

    /** The members a lambda class calls outside java.lang.Object and Drools' functional interfaces. */
    private static Set<String> calls(byte[] bytes) {
        Set<String> out = new TreeSet<>();
        for (String r : references(bytes)) {
            if (!r.startsWith("java/lang/Object.") && !r.startsWith("org/drools/model/functions/")
                    && !r.contains("/Lambda")) {
                out.add(r.substring(r.lastIndexOf('/') + 1));
            }
        }
        return out;
    }

    /** owner.member for every method call, field access and invokedynamic bootstrap in the class. */
    private static Set<String> references(byte[] bytes) {
        Set<String> refs = new TreeSet<>();
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int op, String owner, String member, String d, boolean itf) {
                        refs.add(owner + "." + member);
                    }

                    @Override
                    public void visitFieldInsn(int op, String owner, String member, String d) {
                        refs.add(owner + "." + member);
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String n, String d, Handle bsm, Object... args) {
                        refs.add(bsm.getOwner() + "." + bsm.getName());
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG);
        return refs;
    }

    /**
     * A rule whose annotation value is an expression with a visible, harmless side effect, compiled on each
     * route: if the property is set after the compile, the compiler ran the expression.
     */
    private static void annotationProbe() {
        String drl = """
                package probe;
                import org.huzhu.api.ruleset.ClaimContext;
                rule "probe"
                    @clause(System.setProperty("huzhu.probe", "ran"))
                when
                    $c : ClaimContext()
                then
                    $c.note($c.msg("text").with("x"));
                end
                """;
        for (Routes route : Routes.values()) {
            System.clearProperty("huzhu.probe");
            String outcome;
            try {
                Routes.Built built = route.build(Map.of("rules/probe.drl", drl));
                outcome = "compiled; property after compile = " + System.getProperty("huzhu.probe");
                built.kieBase().newKieSession().dispose();
                outcome += ", after a session = " + System.getProperty("huzhu.probe");
                if (built.builder() != null) {
                    Set<String> seen = new TreeSet<>();
                    classes(built).forEach((n, b) -> references(b).stream()
                            .filter(r -> r.startsWith("java/lang/System.")).forEach(r -> seen.add(simple(n) + " -> "
                                    + r)));
                    outcome += "; System calls in generated bytecode: " + seen;
                }
            } catch (RuntimeException e) {
                outcome = "refused: " + e.getMessage().lines().findFirst().orElse("");
            }
            System.out.println(route + ": " + outcome);
        }
    }
}
