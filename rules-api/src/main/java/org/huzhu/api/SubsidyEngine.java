package org.huzhu.api;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Computes the subsidies a claim is due under a scheme's ruleset. Thread-safe: build one and share it.
 *
 * <pre>{@code
 * SubsidyEngine engine = SubsidyEngine.builder().build();          // bundled rulesets from the classpath
 * Decision d = engine.evaluate(new EvaluationRequest("wujin", claim, BenefitHistory.EMPTY));
 * }</pre>
 */
public interface SubsidyEngine {

    /**
     * Evaluates one claim.
     *
     * @throws InvalidInputException      bad input
     * @throws UnknownRulesetException    no such scheme or version
     * @throws NoVersionInForceException  no version of the scheme is in force on the claim's date
     * @throws EvaluationException        the rules failed on this claim
     */
    Decision evaluate(EvaluationRequest request);

    /**
     * Evaluates many claims, sharing rule sessions for speed. Every request ends as a decision or an error,
     * in the order given. The whole list and all its results are held in memory: for a population, use
     * {@link #evaluateAll(Iterator, Consumer)}, of which this is a thin wrapper.
     */
    List<EvaluationResult> evaluateAll(List<EvaluationRequest> requests);

    /**
     * Evaluates a stream of claims in memory that does not grow with it: requests are taken from {@code requests}
     * a window at a time (a few thousand; see {@link Builder#batchSize}), and each result is handed to
     * {@code results} in input order, on the calling thread, once its window is decided. At most two windows are
     * held at once, so 10,000,000 claims need no more heap than 10,000. Every request ends as exactly one result
     * (a decision or an error); {@link EvaluationResult#index()} is its position in the stream, from 0.
     *
     * <p>Decisions are the same as {@link #evaluate} gives each claim alone, whatever the batch size or the number of
     * threads ({@link Builder#parallelism}). An exception from the iterator or the consumer ends the call and is
     * rethrown; results not yet handed over are dropped with it.
     */
    void evaluateAll(Iterator<? extends EvaluationRequest> requests, Consumer<? super EvaluationResult> results);

    /**
     * Every loaded ruleset version, by scheme then effective date. A version's {@link RulesetInfo#rules()} are read
     * from its compiled rules: with lazy compiling (the default), reading them compiles it.
     */
    List<RulesetInfo> rulesets();

    /**
     * Renders the messages of a decision this engine made, from the engine's bundle and the {@code messages.yaml}
     * of the version that decided: {@code texts(d).render(step, Language.ZH)}. Nothing is rendered until asked.
     */
    Texts texts(Decision decision);

    /**
     * The ruleset version a reference resolves to for a claim dated {@code claimDate}: under an engine holding a
     * reform, the reform's entry for the dates it decides.
     */
    RulesetInfo resolve(String ruleset, LocalDate claimDate);

    /**
     * The loaded version (or reform) that made a decision of this engine: the entry of {@link #rulesets()} with its
     * scheme, version and content hash; null if this engine holds none. Use it rather than looking the decision's
     * {@code scheme@version} up in {@link #rulesets()}: a reform and its base share that id.
     */
    default RulesetInfo ruleset(Decision decision) {
        return rulesets().stream().filter(r -> r.scheme().equals(decision.scheme())
                && r.version().equals(decision.version()) && r.contentHash().equals(decision.rulesetHash()))
                .findFirst().orElse(null);
    }

    /** A builder from the implementation on the classpath (rules-engine). */
    static Builder builder() {
        return ServiceLoader.load(Provider.class).findFirst()
                .orElseThrow(() -> new HuzhuException("no SubsidyEngine implementation on the classpath: add "
                        + "org.huzhu:rules-engine"))
                .newBuilder();
    }

    /** Configures an engine. */
    interface Builder {
        /** Adds every ruleset found under this folder ({@code scheme/version/ruleset.yaml}). */
        Builder addRulesetFolder(Path folder);

        /**
         * Loads a reform (a YAML file outside the rulesets, README "Reforms") and lets it replace its base version:
         * a claim the base would decide (by its date, or pinned to the base, what-ifs included) is decided by the
         * reform, or, when the reform gives an {@code appliesFrom} date, by the reform if dated on or after it and by
         * the base before it. Its decisions carry the reform's name ({@link Decision#reform()}) and content hash
         * ({@link Decision#rulesetHash()}); {@link #rulesets()} lists the reform after its base. The base is found
         * among the versions this builder loads (a folder version in place of a bundled one included). The reform is
         * checked like a ruleset version: an unknown base, an override of a parameter the base does not have or of
         * another type, a rule file that does not compile or that the sandbox refuses are {@link RulesetException}s
         * naming the file and line or key, handled as any ruleset's ({@link #onRulesetError}). At most one reform per
         * base version; repeat for reforms of other versions.
         */
        Builder reform(Path reformFile);

        /** Whether to load the rulesets bundled on the classpath (default true). */
        Builder classpathRulesets(boolean load);

        /**
         * Rule firings allowed per fact of a claim (the claim itself and each of its stays, earlier stays included)
         * before the claim fails as a ruleset that keeps firing (default 1,000: a claim with 10 stays may fire 11,000
         * times).
         */
        Builder maxFiringsPerFact(int max);

        /**
         * Time a claim's rules may run before the claim fails with an {@link EvaluationException} naming the rule
         * (default 2 s; a batch of n claims gets n times as long, then is re-run a claim at a time). Checked between
         * rule firings.
         */
        Builder timeLimitPerClaim(java.time.Duration limit);

        /** Claims evaluated in one rule session by {@link #evaluateAll} (default 256, chosen by measurement). */
        Builder batchSize(int size);

        /**
         * Threads {@link #evaluateAll} may use for an input of more than one batch (default: the available
         * processors). {@code 1} evaluates on the calling thread only: for callers that bring their own threads,
         * such as a Spark executor or an HTTP server. The threads live only while a call runs. Results and their order
         * do not depend on it.
         */
        Builder parallelism(int threads);

        /**
         * Whether {@link #build()} checks and compiles every ruleset (true), or only reads and checks each one's
         * files, metadata, parameters and messages, leaving the sandbox and the compile of its rules to its first use
         * (false, the default: an engine that decides for one scheme pays for that scheme only). A version the sandbox
         * refuses, or whose rules do not compile, then fails its first claim, and every later one, with the
         * {@link RulesetException} the build would have thrown (in a batch: {@code RULESET_ERROR}); no rule of it ever
         * runs. Tools that must report every refused ruleset ({@code huzhu list}, {@code huzhu test}) and servers that
         * want every refusal before they serve set it.
         */
        Builder compileAtBuild(boolean eager);

        /**
         * Reports each ruleset that cannot be loaded (malformed, over a loading limit, refused by the sandbox,
         * does not compile) to {@code handler} and leaves it out, instead of failing {@link #build()} with it,
         * which is the default. For tools that check many rulesets at once, such as {@code huzhu test}; an
         * application paying claims should fail fast. The handler is called on the building thread, in the order
         * of the rulesets' locations.
         */
        Builder onRulesetError(Consumer<RulesetException> handler);

        /**
         * Loads and checks the rulesets, and compiles them if {@link #compileAtBuild} is set.
         *
         * @throws RulesetException the first ruleset that cannot be loaded, unless {@link #onRulesetError} is set
         */
        SubsidyEngine build();
    }

    /** The service an implementation registers with {@link ServiceLoader}. */
    interface Provider {
        Builder newBuilder();
    }
}
