package org.huzhu.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Issue 8, batch size: the same 16,384 seeded Wujin claims per call through {@code evaluateAll} on one thread, with
 * 1 to 16,384 claims per rule session. Setup checks that every batch size gives the decisions of batch 1. Each
 * iteration prints the GC time ({@link MachineUse}); run with {@code -prof gc} for allocation.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 4)
@Measurement(iterations = 4, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Benchmark)
public class BatchSizeBenchmark {
    static final int CLAIMS = 16_384;

    @Param({"1", "16", "64", "256", "1024", "4096", "16384"})
    public int batch;

    private List<EvaluationRequest> claims;
    private SubsidyEngine engine;
    private final MachineUse use = new MachineUse();

    @Setup
    public void setUp() {
        claims = WujinClaims.generate(EvaluateBenchmark.SEED, CLAIMS);
        engine = SubsidyEngine.builder().parallelism(1).batchSize(batch).build();
        List<EvaluationResult> reference = SubsidyEngine.builder().parallelism(1).batchSize(1).build()
                .evaluateAll(claims);
        if (!engine.evaluateAll(claims).equals(reference)) {
            throw new IllegalStateException("batch " + batch + " decides differently from batch 1");
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
