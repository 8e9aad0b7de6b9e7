package org.huzhu.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time per operation: the benchmark JVM's CPU time (every thread: the benchmark's, the collector's, the
 * compiler's) over an iteration, divided by the operations it did, as {@code cpu.time.norm} in ns/op; and the CPU
 * time of JMH's worker threads alone (the claims' own work, without the collector's), as {@code cpu.thread.norm}.
 * On this shared 2-core machine, claims/s moves with whatever else runs, while a claim's CPU time moves less (it
 * still grows when another process shares the core's caches); and issue 8's batch targets are CPU budgets
 * (1,000,000 claims/s on 2 cores is 2 µs of CPU a claim). Also {@code cpu.share}: the JVM's CPU time over the
 * iteration's wall time (1.0 = one core busy throughout).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar ClaimCostBenchmark -prof org.huzhu.benchmarks.CpuTimeProfiler</pre>
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long cpuStart;
    private long wallStart;
    private java.util.Map<Long, Long> workerStart = java.util.Map.of();

    @Override
    public String getDescription() {
        return "CPU time of the benchmark JVM per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        workerStart = workerCpu();
        cpuStart = os.getProcessCpuTime();
        wallStart = System.nanoTime();
    }

    /** CPU time so far of each of JMH's worker threads, by thread id. */
    private java.util.Map<Long, Long> workerCpu() {
        java.util.Map<Long, Long> cpu = new java.util.HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().contains("jmh-worker")) {   // e.g. "org.huzhu...evaluate-jmh-worker-1"
                cpu.put(t.getId(), threads.getThreadCpuTime(t.getId()));
            }
        }
        return cpu;
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        long cpu = os.getProcessCpuTime() - cpuStart;
        long wall = System.nanoTime() - wallStart;
        long worker = 0;
        boolean known = !workerStart.isEmpty();
        for (java.util.Map.Entry<Long, Long> e : workerCpu().entrySet()) {
            Long start = workerStart.get(e.getKey());
            known &= start != null;
            worker += e.getValue() - (start == null ? 0 : start);
        }
        long ops = result.getMetadata().getAllOps();
        return List.of(
                new ScalarResult("cpu.time.norm", ops == 0 ? Double.NaN : (double) cpu / ops, "ns/op",
                        AggregationPolicy.AVG),
                // Unknown in the first warm-up iteration, before JMH has started its workers.
                new ScalarResult("cpu.thread.norm", ops == 0 || !known ? Double.NaN : (double) worker / ops,
                        "ns/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.share", (double) cpu / wall, "cores", AggregationPolicy.AVG));
    }
}
