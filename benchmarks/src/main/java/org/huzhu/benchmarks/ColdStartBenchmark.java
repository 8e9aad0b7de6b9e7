package org.huzhu.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.huzhu.api.Decision;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.engine.BenchAccess;
import org.huzhu.engine.internal.RulesetSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cold start: in a fresh JVM (one shot per fork, no warm-up), Wujin 2024's DRL to its first decision on each
 * route, which is what a first {@code huzhu evaluate} pays for compiling (class loading of the compiler included).
 * Setup reads only the metadata and parameters (no Drools), so that neither route finds the compiler warm; the
 * engine's sandbox and verifier (the same on either route) are left out.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 8, jvmArgsAppend = {"-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Benchmark)
public class ColdStartBenchmark {
    @Param({"classic", "execModel"})
    public Routes route;

    private RulesetSource source;
    private BenchAccess.Loaded loaded;
    private List<EvaluationRequest> claim;

    @Setup
    public void read() {
        source = Bundled.sources().get("wujin@2024");
        claim = WujinClaims.generate(1, 1);
        loaded = BenchAccess.loadWithoutCompiling(source);
    }

    @Benchmark
    public Decision firstDecision() {
        // Rules in their stages' agenda groups, as the engine's sandbox puts them.
        return new Evaluator(loaded, route.build(org.huzhu.engine.BenchAccess.withStageGroups(
                source.effectiveDrl())).kieBase())
                .run(claim).get(0);
    }
}
