package org.huzhu.api;

import java.nio.file.Path;
import java.time.LocalDate;
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
     * in the order given.
     */
    List<EvaluationResult> evaluateAll(List<EvaluationRequest> requests);

    /** Every loaded ruleset version, by scheme then effective date. */
    List<RulesetInfo> rulesets();

    /**
     * Renders the messages of a decision this engine made, from the engine's bundle and the {@code messages.yaml}
     * of the version that decided: {@code texts(d).render(step, Language.ZH)}. Nothing is rendered until asked.
     */
    Texts texts(Decision decision);

    /** The ruleset version a reference resolves to for a claim dated {@code claimDate}. */
    RulesetInfo resolve(String ruleset, LocalDate claimDate);

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

        /** Claims evaluated in one rule session by {@link #evaluateAll} (default 256). */
        Builder batchSize(int size);

        /**
         * Reports each ruleset that cannot be loaded (malformed, over a loading limit, refused by the sandbox,
         * does not compile) to {@code handler} and leaves it out, instead of failing {@link #build()} with it,
         * which is the default. For tools that check many rulesets at once, such as {@code huzhu test}; an
         * application paying claims should fail fast. The handler is called on the building thread, in the order
         * of the rulesets' locations.
         */
        Builder onRulesetError(Consumer<RulesetException> handler);

        /**
         * Loads, checks and compiles the rulesets.
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
