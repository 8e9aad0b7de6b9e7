package org.huzhu.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Compile time from DRL text to a usable knowledge base, per bundled ruleset and for all 11 (each into its own
 * knowledge base, as the engine loads them), classic against the exec model. Single shots after warm-up shots:
 * the steady cost of compiling one more ruleset in a running JVM (the cold first compile is ColdStartBenchmark).
 * The engine's sandbox and bytecode check run on either route and are left out.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Benchmark)
public class CompileBenchmark {
    @Param({"all", "changchun@2023", "huaian@2021", "hunan@2020", "huzhou@2015", "jinhua@phase1", "jinhua@phase2",
            "jinhua@phase3", "quzhou@2015", "quzhou@2016", "shaoxing@2015", "wujin@2024"})
    public String ruleset;

    @Param({"classic", "execModel"})
    public Routes route;

    private final List<Map<String, String>> drl = new ArrayList<>();

    @Setup
    public void read() {
        Bundled.sources().forEach((id, source) -> {
            if (ruleset.equals("all") || ruleset.equals(id)) {
                drl.add(source.effectiveDrl());
            }
        });
        if (drl.isEmpty()) {
            throw new IllegalArgumentException("no bundled ruleset " + ruleset);
        }
    }

    @Benchmark
    public void compile(Blackhole bh) {
        for (Map<String, String> files : drl) {
            bh.consume(route.build(files).kieBase());
        }
    }
}
