package org.huzhu.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.huzhu.api.Decision;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.EvaluationResult;
import org.huzhu.api.SubsidyEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 8, cores: {@code evaluateAll} of 8,192 seeded Wujin claims per call on an engine with
 * {@code parallelism(1)} and {@code parallelism(2)}, batch 256. Setup refuses to report unless every result equals
 * the claim's {@code evaluate} alone. Each iteration prints the cores the JVM got ({@link MachineUse}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Benchmark)
public class ParallelBenchmark {
    static final int CLAIMS = 8_192;

    @Param({"1", "2"})
    public int threads;

    private List<EvaluationRequest> claims;
    private SubsidyEngine engine;
    private final MachineUse use = new MachineUse();

    @Setup
    public void setUp() {
        claims = WujinClaims.generate(EvaluateBenchmark.SEED, CLAIMS);
        engine = SubsidyEngine.builder().parallelism(threads).build();
        List<EvaluationResult> all = engine.evaluateAll(claims);
        for (int i = 0; i < CLAIMS; i++) {
            Decision alone = engine.evaluate(claims.get(i));
            if (all.get(i).failed() || !all.get(i).decision().equals(alone) || all.get(i).index() != i) {
                throw new IllegalStateException("evaluateAll on " + threads + " threads differs on claim " + i);
            }
        }
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        use.start();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        System.out.println(use.report());
    }

    @Benchmark
    @OperationsPerInvocation(CLAIMS)
    public List<EvaluationResult> evaluateAll() {
        return engine.evaluateAll(claims);
    }
}
