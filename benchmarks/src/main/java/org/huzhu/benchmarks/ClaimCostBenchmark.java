package org.huzhu.benchmarks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.huzhu.api.Benefit;
import org.huzhu.api.Decision;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.EvaluationResult;
import org.huzhu.api.SubsidyEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one claim costs on one thread (issue 8): claims/s and, with {@code -prof gc}, bytes allocated per claim
 * ({@code gc.alloc.rate.norm}), for the two baselines and Huzhu in the same run.
 *
 * <ul>
 *   <li>{@code plainJava}: Wujin 2024's amounts by hand ({@link BaselinePlainJava});</li>
 *   <li>{@code naiveDrools}: a band DRL, one fact and one stateless session per claim ({@link BaselineNaiveDrools});</li>
 *   <li>{@code evaluate}: Huzhu's {@code evaluate}, one claim per call, full explanation;</li>
 *   <li>{@code evaluateAll}: Huzhu's {@code evaluateAll} over the 4,096 claims (sessions of the engine's batch size);</li>
 *   <li>{@code mixEvaluate}, {@code mixEvaluateAll}: the same on a population mixing every bundled scheme
 *       ({@link MixClaims}).</li>
 * </ul>
 *
 * <p>Wujin: 4,096 seeded claims with 1–3 stays ({@link WujinClaims}). Setup refuses to report unless, for every
 * claim, {@code evaluate} and {@code evaluateAll} give equal decisions (explanations, parameters and order included),
 * both baselines give exactly the engine's amounts, and every benefit the engine grants carries its explanation.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Warm-up long enough for Drools' MVEL constraints to be jitted (after 20 evaluations each) and C2 to settle.
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Threads(1)
@State(Scope.Benchmark)
public class ClaimCostBenchmark {
    static final int CLAIMS = 4096;
    static final long SEED = 20240101L;

    private List<EvaluationRequest> wujin;
    private List<EvaluationRequest> mix;
    private SubsidyEngine engine;
    private BaselineNaiveDrools naive;
    private int next;

    @Setup
    public void setUp() {
        // One thread: what a claim costs, not how evaluateAll spreads claims over cores (ParallelBenchmark's
        // question); with the default parallelism CostProbe would time only the thread that hands results over.
        engine = SubsidyEngine.builder().parallelism(1).build();
        naive = new BaselineNaiveDrools();
        wujin = WujinClaims.generate(SEED, CLAIMS);
        mix = MixClaims.generate(engine, CLAIMS);
        List<Decision> reference = checkAloneEqualsBatched("wujin", wujin);
        checkAloneEqualsBatched("mix", mix);
        int paying = 0;
        for (int i = 0; i < CLAIMS; i++) {
            Decision d = reference.get(i);
            Map<String, BigDecimal> expected = BaselinePlainJava.amounts(d);
            Map<String, BigDecimal> plain = BaselinePlainJava.amounts(wujin.get(i));
            Map<String, BigDecimal> naiveAmounts = naive.amounts(wujin.get(i));
            if (!expected.equals(plain) || !expected.equals(naiveAmounts)) {
                throw new IllegalStateException("claim " + i + ": engine " + expected + ", plain Java " + plain
                        + ", naive Drools " + naiveAmounts);
            }
            for (Benefit b : d.benefits()) {
                if (b.explanation().isEmpty()) {
                    throw new IllegalStateException("claim " + i + ": " + b.kind() + " has no explanation");
                }
            }
            paying += d.total().signum() > 0 ? 1 : 0;
        }
        System.out.println("wujin: " + CLAIMS + " claims (" + paying + " paying), decisions equal alone and "
                + "batched, amounts equal on plain Java and naive Drools; mix: " + CLAIMS + " claims of "
                + mix.stream().map(r -> r.ruleset().split("@")[0]).distinct().count() + " schemes ("
                + mix.stream().distinct().count() + " distinct), equal alone and batched");
    }

    /** Every claim's decision from {@code evaluate} equals its decision from one {@code evaluateAll}. */
    private List<Decision> checkAloneEqualsBatched(String population, List<EvaluationRequest> claims) {
        List<Decision> alone = new ArrayList<>();
        for (EvaluationRequest r : claims) {
            alone.add(engine.evaluate(r));
        }
        List<EvaluationResult> batched = engine.evaluateAll(claims);
        for (int i = 0; i < claims.size(); i++) {
            if (!alone.get(i).equals(batched.get(i).decision())) {
                throw new IllegalStateException(population + " claim " + i + " differs alone and batched:\n  "
                        + alone.get(i) + "\n  " + batched.get(i));
            }
        }
        return alone;
    }

    @Benchmark
    public Object plainJava() {
        return BaselinePlainJava.amounts(wujin.get(next++ & (CLAIMS - 1)));
    }

    @Benchmark
    public Object naiveDrools() {
        return naive.amounts(wujin.get(next++ & (CLAIMS - 1)));
    }

    @Benchmark
    public Object evaluate() {
        return engine.evaluate(wujin.get(next++ & (CLAIMS - 1)));
    }

    @Benchmark
    @OperationsPerInvocation(CLAIMS)
    public Object evaluateAll() {
        return engine.evaluateAll(wujin);
    }

    @Benchmark
    public Object mixEvaluate() {
        return engine.evaluate(mix.get(next++ & (CLAIMS - 1)));
    }

    @Benchmark
    @OperationsPerInvocation(CLAIMS)
    public Object mixEvaluateAll() {
        return engine.evaluateAll(mix);
    }
}
