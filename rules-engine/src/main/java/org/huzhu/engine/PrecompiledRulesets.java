package org.huzhu.engine;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.huzhu.engine.internal.RulesetSource;
import org.kie.api.definition.KiePackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bundled rulesets' compiled rules, made by the build ({@link #main}) and shipped beside them on the classpath,
 * so that an engine's first decision need not load and run the DRL parser, the sandbox's parse and the Java compiler.
 *
 * <p>A file is {@code huzhu-rulesets/compiled/<content hash>.kbase}: a header (format, the ruleset's content hash,
 * the {@link #engineFingerprint() engine fingerprint}), the rule names, clauses and condition parameters the sandbox
 * read, then the Drools packages (Java serialization, with the rules' class bytes). It is used only when all three
 * header values match what this engine computes for the source, else the version compiles from its DRL as usual.
 *
 * <p><b>Trust.</b> The file holds executable code and is read with Java serialization, so it is read only from the
 * classpath, for a ruleset read from the classpath: whoever can change the classpath can change the engine itself.
 * Never from a folder ruleset, a cache folder or anything a ruleset's author controls. Its rules passed both sandbox
 * layers when the build made it, and layer 2 (the bytecode check) runs again on the classes read, as after a
 * compile: before any session exists, so a file edited in a jar still cannot run a call the verifier refuses.
 */
final class PrecompiledRulesets {
    private static final Logger LOG = LoggerFactory.getLogger(PrecompiledRulesets.class);
    static final String FOLDER = RulesetSource.CLASSPATH_ROOT + "/compiled/";
    private static final String FORMAT = "huzhu-precompiled-1";
    private static volatile String fingerprint;

    private PrecompiledRulesets() {
    }

    /**
     * The build step: compiles every ruleset under {@code args[0]} (the bundled rulesets' source folder) with both
     * sandbox layers and writes each into {@code args[1]} (the classes folder's {@value #FOLDER}). A refused ruleset
     * fails the build.
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        for (RulesetSource source : RulesetSource.fromFolder(Path.of(args[0]))) {
            CompiledRuleset r = CompiledRuleset.load(source);
            Path file = out.resolve(r.contentHash + ".kbase");
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file))) {
                write(r.contentHash, r.rules(), o);
            }
            LOG.info("precompiled {} into {} ({} bytes)", r.info.id(), file, Files.size(file));
        }
    }

    static void write(String contentHash, CompiledRuleset.Rules rules, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeUTF(FORMAT);
        data.writeUTF(contentHash);
        data.writeUTF(engineFingerprint());
        data.flush();
        try (ObjectOutputStream objects = new DroolsObjectOutputStream(out)) {
            objects.writeObject(new ArrayList<>(rules.names()));
            objects.writeObject(new LinkedHashMap<>(rules.clauses()));
            Map<String, Map<String, String>> conditions = new LinkedHashMap<>();
            rules.conditionParameters().forEach((rule, params) -> conditions.put(rule, new LinkedHashMap<>(params)));
            objects.writeObject(conditions);
            objects.writeObject(new ArrayList<>(rules.knowledgeBase().getKiePackages()));
        }
    }

    /**
     * The precompiled rules of a classpath ruleset with this content hash, or null: none shipped, or made by another
     * engine build or Drools version. Whatever else goes wrong reading it is logged and also gives null (the DRL then
     * compiles); a refusal by the bytecode check is thrown.
     */
    static CompiledRuleset.Rules read(CompiledRuleset ruleset) {
        if (ruleset.source.folder() != null || !ruleset.source.origin().startsWith("classpath:")) {
            return null;
        }
        ClassLoader loader = PrecompiledRulesets.class.getClassLoader();
        InputStream in = loader.getResourceAsStream(FOLDER + ruleset.contentHash + ".kbase");
        if (in == null) {
            return null;
        }
        long start = System.nanoTime();
        Collection<KiePackage> packages;
        List<String> names;
        Map<String, String> clauses;
        Map<String, Map<String, String>> conditions;
        try (InputStream buffered = new BufferedInputStream(in, 1 << 16)) {
            DataInputStream data = new DataInputStream(buffered);
            if (!data.readUTF().equals(FORMAT) || !data.readUTF().equals(ruleset.contentHash)
                    || !data.readUTF().equals(engineFingerprint())) {
                LOG.info("{}: the precompiled rules were made by another engine build; compiling the DRL",
                        ruleset.info.id());
                return null;
            }
            try (ObjectInputStream objects = new DroolsObjectInputStream(buffered, loader)) {
                names = cast(objects.readObject());
                clauses = cast(objects.readObject());
                conditions = cast(objects.readObject());
                packages = cast(objects.readObject());
            }
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            LOG.warn("{}: cannot read the precompiled rules ({}); compiling the DRL", ruleset.info.id(), e.toString());
            return null;
        }
        InternalKnowledgeBase kb = KnowledgeBaseFactory.newKnowledgeBase();
        kb.addPackages(packages);
        // As after a compile: the classes are defined and the consequences wired to them, no session exists yet, and
        // the knowledge base is not handed out unless the check passes.
        BytecodeVerifier.verify(ruleset.source.origin(), kb.getKiePackages(), Map.of());
        LOG.debug("read the precompiled rules of {} in {} ms", ruleset.info.id(),
                (System.nanoTime() - start) / 1_000_000);
        Set<String> ruleNames = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(names));
        return new CompiledRuleset.Rules(kb, ruleNames, Map.copyOf(clauses), Map.copyOf(conditions), true);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    /**
     * What precompiled rules depend on besides their DRL: SHA-256 over this format, the class files of the types
     * rules may call ({@link MemberAllowlist#API_TYPES}) and of the engine's sandbox, and the Drools version. A
     * change to any of them makes every precompiled file stale, so that rules compiled against another API or
     * checked by another sandbox are never run.
     */
    static String engineFingerprint() {
        String f = fingerprint;
        if (f == null) {
            f = computeFingerprint();
            fingerprint = f;
        }
        return f;
    }

    private static String computeFingerprint() {
        List<Class<?>> classes = new ArrayList<>(MemberAllowlist.API_TYPES);
        classes.addAll(List.of(org.huzhu.api.ruleset.Parameters.class, org.huzhu.api.ruleset.Parameter.class,
                org.huzhu.engine.internal.ClaimState.class, DrlSandbox.class, RuleCode.class, MemberAllowlist.class,
                BytecodeVerifier.class, Stage.class, PrecompiledRulesets.class,
                org.drools.core.impl.KnowledgeBaseImpl.class, org.drools.base.definitions.impl.KnowledgePackageImpl.class));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(FORMAT.getBytes(StandardCharsets.UTF_8));
            for (Class<?> c : classes) {
                String name = c.getName().replace('.', '/') + ".class";
                ClassLoader loader = c.getClassLoader() != null ? c.getClassLoader() : ClassLoader.getSystemClassLoader();
                try (InputStream in = loader.getResourceAsStream(name)) {
                    sha.update(name.getBytes(StandardCharsets.UTF_8));
                    if (in != null) {
                        sha.update(in.readAllBytes());
                    }
                }
            }
            String drools = org.drools.core.impl.KnowledgeBaseImpl.class.getPackage().getImplementationVersion();
            sha.update(String.valueOf(drools).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
