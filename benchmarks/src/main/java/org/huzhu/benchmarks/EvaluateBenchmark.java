package org.huzhu.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.huzhu.api.Decision;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.EvaluationResult;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.engine.BenchAccess;
import org.huzhu.engine.internal.RulesetSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Claims per second on Wujin 2024, 4,096 seeded claims with 1–3 stays: one claim per session ({@code single}),
 * and 256 claims per session ({@code batch}, the engine's default batch size). Routes: {@code classic} and
 * {@code execModel} run the same fact-building harness ({@link Evaluator}) on a knowledge base compiled from the
 * DRL each way; {@code engine} is Huzhu's own {@code evaluate}/{@code evaluateAll}, as the reference the harness
 * must match. Before any figure, setup checks that every claim's decision is identical on every route, alone and
 * batched.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Benchmark)
public class EvaluateBenchmark {
    static final int CLAIMS = 4096;
    static final int BATCH = 256;
    static final long SEED = 20240101L;

    @Param({"classic", "execModel", "engine"})
    public String route;

    private List<EvaluationRequest> claims;
    private List<List<EvaluationRequest>> batches;
    private Evaluator evaluator;
    private SubsidyEngine engine;
    private int next;

    @Setup
    public void setUp() {
        RulesetSource source = Bundled.sources().get("wujin@2024");
        BenchAccess.Loaded loaded = BenchAccess.load(source);
        claims = WujinClaims.generate(SEED, CLAIMS);
        batches = new ArrayList<>();
        for (int from = 0; from < CLAIMS; from += BATCH) {
            batches.add(claims.subList(from, from + BATCH));
        }
        engine = SubsidyEngine.builder().classpathRulesets(false).addRulesetFolder(Bundled.root().resolve("wujin"))
                .build();
        // Rules in their stages' agenda groups, as the engine's sandbox puts them.
        Map<String, String> drl = org.huzhu.engine.BenchAccess.withStageGroups(source.effectiveDrl());
        Evaluator classic = new Evaluator(loaded, Routes.classic.build(drl).kieBase());
        Evaluator exec = new Evaluator(loaded, Routes.execModel.build(drl).kieBase());
        checkIdentical(classic, exec);
        evaluator = switch (route) {
            case "classic" -> classic;
            case "execModel" -> exec;
            case "engine" -> null;
            default -> throw new IllegalArgumentException("route " + route);
        };
    }

    /** Every claim's decision, alone and in batches, on both knowledge bases and in the engine: all equal. */
    private void checkIdentical(Evaluator classic, Evaluator exec) {
        List<Decision> reference = new ArrayList<>();
        for (EvaluationRequest r : claims) {
            reference.add(engine.evaluate(r));
        }
        List<Decision> engineBatched = new ArrayList<>();
        for (EvaluationResult r : engine.evaluateAll(claims)) {
            engineBatched.add(r.decision());
        }
        compare("engine evaluateAll", reference, engineBatched);
        for (Evaluator e : List.of(classic, exec)) {
            String name = e == classic ? "classic" : "execModel";
            List<Decision> alone = new ArrayList<>();
            List<Decision> batched = new ArrayList<>();
            for (EvaluationRequest r : claims) {
                alone.addAll(e.run(List.of(r)));
            }
            for (List<EvaluationRequest> b : batches) {
                batched.addAll(e.run(b));
            }
            compare(name + " alone", reference, alone);
            compare(name + " batched", reference, batched);
        }
        long paying = reference.stream().filter(d -> d.benefits().stream()
                .anyMatch(b -> b.amount() != null && b.amount().signum() > 0)).count();
        System.out.println("decisions identical on every route for " + CLAIMS + " claims (" + paying
                + " paying an amount)");
    }

    private static void compare(String what, List<Decision> expected, List<Decision> actual) {
        for (int i = 0; i < expected.size(); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                throw new IllegalStateException(what + " differs on claim " + i + ":\n  " + expected.get(i)
                        + "\n  " + actual.get(i));
            }
        }
    }

    @Benchmark
    public Object single() {
        EvaluationRequest r = claims.get(next++ & (CLAIMS - 1));
        return evaluator == null ? engine.evaluate(r) : evaluator.run(List.of(r));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Object batch() {
        List<EvaluationRequest> b = batches.get(next++ % batches.size());
        return evaluator == null ? engine.evaluateAll(b) : evaluator.run(b);
    }
}
