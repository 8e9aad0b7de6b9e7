package org.huzhu.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.huzhu.api.Decision;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.SubsidyEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 8, "2 threads sharing one engine give no gain": {@code evaluate} one claim at a time from one caller thread
 * and from two sharing one engine (JMH sums the threads' throughput). Each iteration prints the cores the JVM got.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Benchmark)
public class SharedEngineBenchmark {
    static final int CLAIMS = 4_096;

    private List<EvaluationRequest> claims;
    private SubsidyEngine engine;
    private final AtomicInteger next = new AtomicInteger();
    private final MachineUse use = new MachineUse();

    @Setup
    public void setUp() {
        claims = WujinClaims.generate(EvaluateBenchmark.SEED, CLAIMS);
        engine = SubsidyEngine.builder().parallelism(1).build();
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
    @Threads(1)
    public Decision oneCaller() {
        return engine.evaluate(claims.get(next.getAndIncrement() & (CLAIMS - 1)));
    }

    @Benchmark
    @Threads(2)
    public Decision twoCallers() {
        return engine.evaluate(claims.get(next.getAndIncrement() & (CLAIMS - 1)));
    }
}
