package org.huzhu.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.drools.compiler.builder.impl.KnowledgeBuilderImpl;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.RulesetException;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.ruleset.Parameters;
import org.huzhu.api.ruleset.Rounding;
import org.kie.api.definition.KiePackage;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderConfiguration;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.conf.PropertySpecificOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.huzhu.engine.internal.LoadingLimits;
import org.huzhu.engine.internal.RulesetSource;

/**
 * One ruleset version, loaded, and compiled into its own knowledge base on first use ({@link #rules()}). Loading
 * reads and checks everything that needs no DRL parse: the files and their limits, the metadata, the parameters, the
 * messages and the bases. The rules (both sandbox layers, the Drools compile) come later, once, before any rule of
 * the version can run; a refusal then is kept and thrown again at every use. Compiled knowledge bases are cached by
 * content hash, so the same ruleset met twice (classpath and folder, or two engines) compiles once. Each gets its
 * own knowledge base built directly from the checked descr: no KieContainer, no shared release id.
 */
final class CompiledRuleset {
    private static final Logger LOG = LoggerFactory.getLogger(CompiledRuleset.class);
    private static final Map<String, InternalKnowledgeBase> CACHE = new ConcurrentHashMap<>();

    final RulesetSource source;
    final RulesetMetadata metadata;
    final Parameters parameters;
    final Rounding rounding;
    final String contentHash;
    final RulesetInfo info;
    /** Renders this version's messages: the engine's bundle under its own and its bases' messages.yaml. */
    final org.huzhu.api.Texts texts;
    private final EffectiveRuleset effective;
    private final SandboxLayers layers;
    /** The compiled rules, or the refusal, once {@link #rules()} has run; null before. */
    private volatile Object compiled;
    /** The instance that compiles: this one, or the loaded version this one describes anew ({@link #replacing}). */
    private final CompiledRuleset owner;
    /** The reform that decides in this version's place from its date ({@link #decidingOn}), or null. */
    final CompiledRuleset reform;

    /**
     * What the compile of a version gives.
     *
     * @param knowledgeBase       its knowledge base
     * @param names               its rules' names
     * @param clauses             each rule's clause, from its {@code @clause} annotation (read by the sandbox;
     *                            Drools never sees it)
     * @param conditionParameters per rule, the parameters its conditions read (name → type), recorded with what the
     *                            rule decides
     * @param precompiled         read from the build's {@link PrecompiledRulesets} rather than compiled here
     */
    record Rules(InternalKnowledgeBase knowledgeBase, Set<String> names, Map<String, String> clauses,
                 Map<String, Map<String, String>> conditionParameters, boolean precompiled) {
    }

    private CompiledRuleset(RulesetSource source, EffectiveRuleset effective, SandboxLayers layers) {
        RulesetMetadata metadata = effective.metadata();
        this.effective = effective;
        this.layers = layers;
        this.source = source;
        this.metadata = metadata;
        this.parameters = effective.parameters();
        this.rounding = metadata.rounding().toRounding();
        String hash = source.contentHash();
        this.contentHash = hash;
        List<String> sources = new ArrayList<>();
        metadata.sources().forEach(s -> sources.add(s.document() + (s.title() == null ? "" : " — " + s.title())));
        List<RulesetInfo.ParameterInForce> inForce = new ArrayList<>();
        effective.ordered().forEach(p -> inForce.add(new RulesetInfo.ParameterInForce(p,
                effective.parameterFrom().get(p.name()))));
        List<RulesetInfo.RuleFile> ruleFiles = new ArrayList<>();
        effective.ruleFiles().values().forEach(f -> ruleFiles.add(new RulesetInfo.RuleFile(f.path(), f.from(),
                f.where())));
        Map<String, org.huzhu.api.BenefitKind> kindNames = new java.util.HashMap<>();
        metadata.historyBenefitKinds().forEach(k -> kindNames.put(k.kind(), k));
        metadata.benefitKinds().forEach(k -> kindNames.put(k.kind(), k));
        this.texts = new BundleTexts(effective.messages(), kindNames);
        this.info = new RulesetInfo(metadata.scheme(), metadata.version(), metadata.name().zh(),
                metadata.name().en(), metadata.region(), metadata.effective().from(), metadata.effective().to(),
                metadata.rounding().description(), hash, source.origin(), sources, new RuleNames(this),
                metadata.benefitKinds(), metadata.historyBenefitKinds(), metadata.base(), inForce, ruleFiles,
                metadata.grammar(), source.base() == null ? null : source.base().origin(), List.of(),
                source.reform() == null ? null : new RulesetInfo.Reform(source.reform().name(),
                source.reform().description(), source.reform().appliesFrom()));
        this.owner = this;
        this.reform = null;
    }

    /** The same version (compiled once, by {@code loaded}) with another description, or with a reform attached. */
    private CompiledRuleset(CompiledRuleset loaded, RulesetInfo info, CompiledRuleset reform) {
        this.source = loaded.source;
        this.metadata = loaded.metadata;
        this.parameters = loaded.parameters;
        this.rounding = loaded.rounding;
        this.contentHash = loaded.contentHash;
        this.texts = loaded.texts;
        this.effective = loaded.effective;
        this.layers = loaded.layers;
        this.owner = loaded.owner;
        this.info = info;
        this.reform = reform;
    }
    /** This version in place of {@code earlier}, loaded before it with the same id: it replaces what that did too. */
    CompiledRuleset replacing(CompiledRuleset earlier) {
        List<String> replaced = new ArrayList<>(earlier.info.replaced());
        replaced.add(earlier.source.origin());
        RulesetInfo i = info;
        return new CompiledRuleset(this, new RulesetInfo(i.scheme(), i.version(), i.nameZh(), i.nameEn(), i.region(),
                i.effectiveFrom(), i.effectiveTo(), i.rounding(), i.contentHash(), i.origin(), i.sources(), i.rules(),
                i.benefits(), i.historyKinds(), i.base(), i.parameters(), i.ruleFiles(), i.grammar(), i.baseOrigin(),
                replaced, i.reform()), reform);
    }

    /** Whether this is a reform ({@link org.huzhu.engine.internal.ReformFile}) rather than a ruleset version. */
    boolean isReform() {
        return source.reform() != null;
    }

    /** The reform's name its decisions are stamped with, or null for a ruleset version. */
    String reformName() {
        return source.reform() == null ? null : source.reform().name();
    }

    /**
     * What decides a claim dated {@code date} that this version would decide (by its date, or pinned, what-ifs
     * included): its reform, on every date when the reform gives no {@code appliesFrom} and from that date when it
     * does; else this version.
     */
    CompiledRuleset decidingOn(java.time.LocalDate date) {
        if (reform == null) {
            return this;
        }
        java.time.LocalDate from = reform.info.reform().appliesFrom();
        return from == null || !date.isBefore(from) ? reform : this;
    }

    /** The texts of a decision this version or its reform made (told apart by the decision's content hash). */
    org.huzhu.api.Texts textsFor(String rulesetHash) {
        return reform != null && reform.contentHash.equals(rulesetHash) ? reform.texts : texts;
    }

    /** Every version and reform this one stands for: itself, then its reform if it has one. */
    java.util.stream.Stream<RulesetInfo> infos() {
        return reform == null ? java.util.stream.Stream.of(info) : java.util.stream.Stream.of(info, reform.info);
    }

    /**
     * Puts each reform in place of its base among the loaded versions ({@code byScheme}, each scheme's versions by
     * date). A reform whose base is not among them (it was left out: it overlaps another version), or a second
     * reform of one base, goes to {@code onError} and is left out.
     */
    static void attachReforms(Map<String, List<CompiledRuleset>> byScheme, List<CompiledRuleset> reforms,
                              java.util.function.Consumer<RulesetException> onError) {
        for (CompiledRuleset reform : reforms) {
            String where = reform.source.origin();
            List<CompiledRuleset> versions = byScheme.getOrDefault(reform.metadata.scheme(), List.of());
            int at = -1;
            for (int i = 0; i < versions.size(); i++) {
                if (versions.get(i).metadata.version().equals(reform.metadata.version())) {
                    at = i;
                }
            }
            if (at < 0) {
                onError.accept(new RulesetException(where, "its base " + reform.metadata.id() + " is not among the "
                        + "versions this engine holds"));
            } else if (versions.get(at).reform != null) {
                onError.accept(new RulesetException(where, "reform " + reform.reformName() + " changes "
                        + reform.metadata.id() + ", which reform " + versions.get(at).reform.reformName() + " ("
                        + versions.get(at).reform.source.origin() + ") already changes: one reform per version"));
            } else {
                CompiledRuleset base = versions.get(at);
                versions.set(at, new CompiledRuleset(base, base.info, reform));
            }
        }
    }


    /** Loads and compiles, as an engine that compiles at build does. */
    static CompiledRuleset load(RulesetSource source) {
        CompiledRuleset r = load(source, SandboxLayers.BOTH);
        r.rules();
        return r;
    }

    /**
     * Reads and checks the version's files, metadata, parameters and messages (and its bases'); compiles nothing.
     *
     * @throws RulesetException naming the file (and line) that cannot be used
     */
    static CompiledRuleset load(RulesetSource source, SandboxLayers layers) {
        EffectiveRuleset effective = EffectiveRuleset.of(source);
        if (effective.ruleFiles().isEmpty()) {
            throw new RulesetException(source.origin(), "has no rules/*.drl");
        }
        return new CompiledRuleset(source, effective, layers);
    }

    /**
     * The compiled rules, compiling them on the first call (once, whichever thread asks first; the others wait).
     *
     * @throws RulesetException the version's rules are refused by the sandbox or do not compile: the same exception
     *                          at every call
     */
    Rules rules() {
        if (owner != this) {
            return owner.rules();
        }
        Object c = compiled;
        if (c == null) {
            synchronized (this) {
                c = compiled;
                if (c == null) {
                    try {
                        c = compile();
                    } catch (RulesetException e) {
                        c = e;
                    }
                    compiled = c;
                }
            }
        }
        if (c instanceof RulesetException e) {
            throw e;
        }
        return (Rules) c;
    }

    /** Whether {@link #rules()} has run. */
    boolean compiled() {
        return owner.compiled != null;
    }

    private Rules compile() {
        try {
            Rules precompiled = layers.equals(SandboxLayers.BOTH) ? PrecompiledRulesets.read(this) : null;
            return precompiled != null ? precompiled : compiled(source, effective, layers, contentHash);
        } catch (RulesetException e) {
            throw source.holds(e.location()) ? e : inherited(source, e);
        } catch (StackOverflowError e) {
            // The lexical limits keep nesting shallow; should a parser still overflow, the ruleset is refused
            // and the caller's thread lives on.
            throw new RulesetException(source.origin(), "is nested too deeply to parse or compile (stack overflow)");
        } catch (org.huzhu.api.HuzhuException e) {
            throw new RulesetException(source.origin(), e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new RulesetException(source.origin(), "cannot be loaded: " + e, e);
        }
    }

    /** {@link RulesetInfo#rules()}: a view that compiles the version when first read. */
    private static final class RuleNames extends java.util.AbstractSet<String> {
        private final CompiledRuleset ruleset;

        RuleNames(CompiledRuleset ruleset) {
            this.ruleset = ruleset;
        }

        @Override
        public java.util.Iterator<String> iterator() {
            return ruleset.rules().names().iterator();
        }

        @Override
        public int size() {
            return ruleset.rules().names().size();
        }

        @Override
        public boolean contains(Object o) {
            return ruleset.rules().names().contains(o);
        }
    }

    private static Rules compiled(RulesetSource source, EffectiveRuleset effective, SandboxLayers layers,
                                  String hash) {
        String origin = source.origin();
        RulesetMetadata metadata = effective.metadata();
        Parameters parameters = effective.parameters();
        Map<String, RulesetSource.RuleFile> drl = effective.ruleFiles();
        // Check every file before compiling any of them.
        List<PackageDescr> checked = new ArrayList<>();
        List<String> files = new ArrayList<>();
        Set<String> rules = new LinkedHashSet<>();
        Map<String, String> clauses = new java.util.HashMap<>();
        Map<String, Map<String, String>> conditionParameters = new java.util.HashMap<>();
        RuleCode.Vocabulary vocabulary = new RuleCode.Vocabulary(parameters, metadata.benefits().keySet(),
                metadata.historyKinds().keySet(), effective.messages(), new java.util.HashSet<>());
        for (RulesetSource.RuleFile f : drl.values()) {
            String path = f.path();
            String text = f.text();
            // An inherited file is named where it was read (the base's folder): that is the file to fix.
            String fileOrigin = f.where().substring(0, f.where().length() - path.length() - 1);
            DrlSandbox.Checked file = layers.parsedCheck() ? DrlSandbox.check(fileOrigin + "/" + path, text,
                    vocabulary) : DrlSandbox.parseOnly(fileOrigin + "/" + path, text);
            PackageDescr pkg = file.descr();
            clauses.putAll(file.clauses());
            conditionParameters.putAll(file.conditionParameters());
            checked.add(pkg);
            files.add(fileOrigin + "/" + path);
            for (RuleDescr r : pkg.getRules()) {
                if (!rules.add(r.getName())) {
                    throw new RulesetException(fileOrigin + "/" + path + ":" + r.getLine(), "rule name '"
                            + r.getName() + "' is used twice");
                }
            }
        }
        if (layers.parsedCheck()) {
            checkMessagesUsed(source.reform() != null ? origin + " messages" : origin + "/" + RulesetSource.MESSAGES,
                    effective, vocabulary.messagesUsed());
        }
        if (rules.size() > LoadingLimits.MAX_RULES) {   // the lexical count is a cheap first check; this is exact
            throw new org.huzhu.api.RulesetRefusedException(origin, "has " + rules.size() + " rules, more than the "
                    + "limit of " + LoadingLimits.MAX_RULES);
        }
        // The cache is keyed by the layers too: a test that switches a layer off must not reuse a checked build.
        InternalKnowledgeBase kb = CACHE.computeIfAbsent(hash + layers,
                h -> compile(checked, files, metadata.id(), layers));
        return new Rules(kb, Collections.unmodifiableSet(rules), Map.copyOf(clauses),
                Map.copyOf(conditionParameters), false);
    }

    /**
     * A refusal of a rule file the version inherits, named at the version's own {@code ruleset.yaml} (so that it is
     * the extension that is refused, also by tools that sort errors by folder) and quoting the inherited file.
     */
    private static RulesetException inherited(RulesetSource source, RulesetException e) {
        String where = source.metadataLocation();
        String message = "extends " + source.base().rulesetId() + ", whose rules are refused here: "
                + e.getMessage();
        return e instanceof org.huzhu.api.RulesetRefusedException ? new org.huzhu.api.RulesetRefusedException(where,
                message) : new RulesetException(where, message, e);
    }

    /**
     * A key of the version's own messages.yaml that no rule in force uses is refused: it is a message nobody will
     * read, most often a misspelt or renamed key whose rule now uses another. Display names (base., parameter.,
     * enum.) are read by the renderer, not by rules. Keys inherited from a base may go unused (the extension replaced
     * the rule that used them).
     */
    private static void checkMessagesUsed(String where, EffectiveRuleset effective, Set<String> used) {
        Set<String> unused = new java.util.TreeSet<>();
        for (String key : effective.ownMessageKeys()) {
            boolean displayName = key.startsWith("base.") || key.startsWith("parameter.") || key.startsWith("enum.");
            if (!displayName && !used.contains(key)) {
                unused.add(key);
            }
        }
        if (!unused.isEmpty()) {
            throw new RulesetException(where, "defines keys no rule uses: "
                    + String.join(", ", unused) + " (remove them, or use them with $c.msg(\"key\"))");
        }
    }

    /**
     * {@code rule:name}, {@code function:package.Name} and {@code global:name} → {@code file:line}, so that the
     * second layer's refusals point at the source.
     */
    private static Map<String, String> ruleLocations(List<PackageDescr> packages, List<String> files) {
        Map<String, String> where = new HashMap<>();
        for (int i = 0; i < packages.size(); i++) {
            PackageDescr pkg = packages.get(i);
            for (RuleDescr r : pkg.getRules()) {
                where.put("rule:" + r.getName(), files.get(i) + ":" + r.getLine());
            }
            for (FunctionDescr f : pkg.getFunctions()) {
                // Drools compiles a function into the class package.Name (first letter upper-cased).
                where.put("function:" + pkg.getName() + "." + Character.toUpperCase(f.getName().charAt(0))
                        + f.getName().substring(1), files.get(i) + ":" + f.getLine());
            }
            for (GlobalDescr g : pkg.getGlobals()) {
                where.put("global:" + g.getIdentifier(), files.get(i) + ":" + g.getLine());
            }
        }
        return where;
    }

    private static InternalKnowledgeBase compile(List<PackageDescr> packages, List<String> files, String id,
                                                 SandboxLayers layers) {
        long start = System.nanoTime();
        // Rules never modify facts, so property reactivity buys nothing; without it Drools also stops warning
        // about constraints that join on the ClaimContext.
        KnowledgeBuilderConfiguration conf = KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration();
        conf.setOption(PropertySpecificOption.ALLOWED);
        KnowledgeBuilderImpl builder = (KnowledgeBuilderImpl) KnowledgeBuilderFactory.newKnowledgeBuilder(conf);
        for (int i = 0; i < packages.size(); i++) {
            builder.addPackage(packages.get(i));
            if (builder.hasErrors()) {
                List<String> messages = new ArrayList<>();
                int line = -1;
                for (KnowledgeBuilderError err : builder.getErrors()) {
                    int[] lines = err.getLines();
                    if (lines != null && lines.length > 0 && line < 0) {
                        line = lines[0];
                    }
                    messages.add(err.getMessage().trim());
                }
                throw new RulesetException(line > 0 ? files.get(i) + ":" + line : files.get(i),
                        "does not compile: " + String.join("; ", messages));
            }
        }
        Collection<KiePackage> built = builder.getKnowledgePackages();
        if (layers.bytecodeCheck()) {
            long verifyStart = System.nanoTime();
            String origin = files.get(0).substring(0, Math.max(0, files.get(0).lastIndexOf("/rules/")));
            BytecodeVerifier.verify(origin.isEmpty() ? id : origin, built, ruleLocations(packages, files));
            LOG.debug("verified the bytecode of {} in {} ms", id, (System.nanoTime() - verifyStart) / 1_000_000);
        }
        InternalKnowledgeBase kb = KnowledgeBaseFactory.newKnowledgeBase();
        kb.addPackages(built);
        LOG.debug("compiled {} in {} ms", id, (System.nanoTime() - start) / 1_000_000);
        return kb;
    }
}
