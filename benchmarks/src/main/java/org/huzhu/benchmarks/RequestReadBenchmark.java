package org.huzhu.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.huzhu.actuary.generate.PopulationGenerator;
import org.huzhu.actuary.generate.Shape;
import org.huzhu.actuary.population.Population;
import org.huzhu.actuary.population.PopulationWriter;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.json.HuzhuJson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reading a population's requests: {@code HuzhuJson.read} of 4,096 generated Wujin claims (seed 7) as JSON Lines
 * text, one line at a time, as the population readers and {@code huzhu simulate} do (benchmarks/README.md, issue 10:
 * reading is about one evaluation's worth of CPU a claim). Compare builds by running it on each.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RequestReadBenchmark {
    private List<String> lines;

    @Setup
    public void generate() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PopulationWriter out = PopulationWriter.of(Population.Format.JSON_LINES, bytes)) {
            new PopulationGenerator("wujin", Shape.of("wujin"), 7).stream(4096).forEach(out::write);
        }
        lines = List.of(bytes.toString(StandardCharsets.UTF_8).split("\n"));
    }

    /** One op reads all 4,096 lines: claims/s = ops/s × 4,096. */
    @Benchmark
    public void readRequests(Blackhole sink) {
        for (String line : lines) {
            sink.consume(HuzhuJson.read(line, EvaluationRequest.class, "bench"));
        }
    }
}
