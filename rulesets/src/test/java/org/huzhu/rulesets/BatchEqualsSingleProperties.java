package org.huzhu.rulesets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.huzhu.api.Decision;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.EvaluationResult;
import org.huzhu.api.HuzhuException;
import org.huzhu.api.SubsidyEngine;

/**
 * Claims evaluated together in one rule session decide exactly as each claim alone: over every bundled ruleset,
 * with generated claims that differ from each other, in any order, at any batch size, from one thread or many.
 * The sandbox makes this true by construction (every pattern joins its claim's key; rules never insert, modify or
 * retract); these properties check it.
 */
class BatchEqualsSingleProperties {
    private static final Path ROOT = Path.of(System.getProperty("huzhu.rulesets", "."));
    private static final int[] BATCH_SIZES = {1, 2, 7, 64, 256};
    private static final Map<Integer, SubsidyEngine> ENGINES = new ConcurrentHashMap<>();
    private static final SubsidyEngine SINGLE = engine(256);
    private static final ClaimGenerator CLAIMS = new ClaimGenerator(SINGLE.rulesets());

    private static SubsidyEngine engine(int batchSize) {
        return ENGINES.computeIfAbsent(batchSize, b -> SubsidyEngine.builder().classpathRulesets(false)
                .addRulesetFolder(ROOT).batchSize(b).build());
    }

    /** A decision or the error that took its place. */
    record Outcome(Decision decision, String error) {
    }

    private static Outcome alone(EvaluationRequest request) {
        try {
            return new Outcome(SINGLE.evaluate(request), null);
        } catch (HuzhuException e) {
            return new Outcome(null, e.getMessage());
        }
    }

    private static List<Outcome> outcomes(List<EvaluationResult> results) {
        return results.stream().map(r -> new Outcome(r.decision(), r.failed() ? r.error().message() : null)).toList();
    }

    private static List<EvaluationRequest> requests(List<Long> seeds) {
        return seeds.stream().map(CLAIMS::request).toList();
    }

    @Property(tries = 60)
    void aBatchDecidesAsEachClaimAlone(
            @ForAll @Size(min = 1, max = 40) @UniqueElements List<@LongRange(min = 1, max = 1_000_000_000L) Long> seeds,
            @ForAll @IntRange(min = 0, max = 4) int batchChoice,
            @ForAll long order) {
        List<EvaluationRequest> requests = new ArrayList<>(requests(seeds));
        Collections.shuffle(requests, new Random(order));
        List<Outcome> expected = requests.stream().map(BatchEqualsSingleProperties::alone).toList();
        List<Outcome> batched = outcomes(engine(BATCH_SIZES[batchChoice]).evaluateAll(requests));
        assertThat(batched).isEqualTo(expected);
    }

    @Property(tries = 15)
    void threadsSharingOneEngineDecideAsOneThread(
            @ForAll @Size(min = 20, max = 80) @UniqueElements List<@LongRange(min = 1, max = 1_000_000_000L) Long> seeds,
            @ForAll @IntRange(min = 2, max = 4) int threads,
            @ForAll @IntRange(min = 0, max = 4) int batchChoice) throws Exception {
        List<EvaluationRequest> requests = requests(seeds);
        List<Outcome> expected = requests.stream().map(BatchEqualsSingleProperties::alone).toList();
        SubsidyEngine engine = engine(BATCH_SIZES[batchChoice]);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            // Each thread takes every threads-th claim: half the threads batch, the others go one claim at a time.
            List<Future<List<Outcome>>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<EvaluationRequest> mine = new ArrayList<>();
                for (int i = t; i < requests.size(); i += threads) {
                    mine.add(requests.get(i));
                }
                boolean batch = t % 2 == 0;
                parts.add(pool.submit(() -> batch ? outcomes(engine.evaluateAll(mine))
                        : mine.stream().map(r -> {
                            try {
                                return new Outcome(engine.evaluate(r), null);
                            } catch (HuzhuException e) {
                                return new Outcome(null, e.getMessage());
                            }
                        }).toList()));
            }
            Outcome[] actual = new Outcome[requests.size()];
            for (int t = 0; t < threads; t++) {
                List<Outcome> part = parts.get(t).get();
                for (int k = 0; k < part.size(); k++) {
                    actual[t + k * threads] = part.get(k);
                }
            }
            assertThat(List.of(actual)).isEqualTo(expected);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The generator is worth its name: its claims reach every ruleset and many of them are paid. */
    @Example
    void generatedClaimsAreVariedAndOftenPaid() {
        List<Outcome> outcomes = new ArrayList<>();
        java.util.Set<String> rulesets = new java.util.HashSet<>();
        for (long seed = 1; seed <= 600; seed++) {
            EvaluationRequest r = CLAIMS.request(seed);
            rulesets.add(r.ruleset());
            outcomes.add(alone(r));
        }
        long paid = outcomes.stream().filter(o -> o.decision() != null && o.decision().benefits().stream()
                .anyMatch(b -> b.amount() != null && b.amount().signum() > 0)).count();
        assertThat(rulesets).hasSize(SINGLE.rulesets().size());
        assertThat(paid).as("claims with a positive benefit, of 600").isGreaterThan(150);
        assertThat(outcomes.stream().filter(o -> o.decision() != null).map(o -> o.decision().benefits())
                .distinct().count()).isGreaterThan(200);
    }
}
