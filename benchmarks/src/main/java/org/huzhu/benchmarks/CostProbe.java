package org.huzhu.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ClaimCostBenchmark's routes measured by the CPU time and the bytes allocated of the one thread that evaluates,
 * taking the routes in turn, round after round, in one JVM: a quick side-by-side for two builds on a machine shared
 * with other work, where claims/s moves with whatever else runs. Prints, per route, the median over the last half
 * of the rounds of CPU ns and bytes per claim, and the ratio of CPU per claim to naive Drools'. The setup and its
 * equality checks are ClaimCostBenchmark's.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.huzhu.benchmarks.CostProbe [rounds, default 40]</pre>
 */
public final class CostProbe {
    /** Where each route's result goes, so that the JIT cannot drop the work. */
    static volatile Object sink;

    private CostProbe() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        ClaimCostBenchmark b = new ClaimCostBenchmark();
        b.setUp();
        int n = ClaimCostBenchmark.CLAIMS;
        Map<String, Runnable> routes = new LinkedHashMap<>();
        // A loop of its own per route: one loop over a shared Supplier would be a megamorphic call site, which the
        // JIT does not inline, and the cheapest routes would pay most for it.
        routes.put("plainJava", () -> {
            for (int i = 0; i < n; i++) {
                sink = b.plainJava();
            }
        });
        routes.put("naiveDrools", () -> {
            for (int i = 0; i < n; i++) {
                sink = b.naiveDrools();
            }
        });
        routes.put("evaluate", () -> {
            for (int i = 0; i < n; i++) {
                sink = b.evaluate();
            }
        });
        routes.put("evaluateAll", () -> sink = b.evaluateAll());
        routes.put("mixEvaluate", () -> {
            for (int i = 0; i < n; i++) {
                sink = b.mixEvaluate();
            }
        });
        routes.put("mixEvaluateAll", () -> sink = b.mixEvaluateAll());
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        Map<String, long[][]> samples = new LinkedHashMap<>();
        routes.keySet().forEach(r -> samples.put(r, new long[2][rounds]));
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Runnable> route : routes.entrySet()) {
                long bytes = threads.getThreadAllocatedBytes(id);
                long cpu = threads.getCurrentThreadCpuTime();
                route.getValue().run();
                samples.get(route.getKey())[0][round] = (threads.getCurrentThreadCpuTime() - cpu) / n;
                samples.get(route.getKey())[1][round] = (threads.getThreadAllocatedBytes(id) - bytes) / n;
            }
        }
        long naive = median(samples.get("naiveDrools")[0]);
        System.out.printf("%-15s %12s %12s %10s %14s%n", "route", "CPU ns/claim", "claims/CPU-s", "B/claim",
                "CPU vs naive");
        samples.forEach((route, s) -> {
            long cpu = median(s[0]);
            System.out.printf("%-15s %12d %12d %10d %13.2fx%n", route, cpu, 1_000_000_000L / Math.max(1, cpu),
                    median(s[1]), (double) naive / cpu);
        });
    }

    /** The median of the second half of the rounds: the first half warms the JIT. */
    private static long median(long[] perRound) {
        long[] late = Arrays.copyOfRange(perRound, perRound.length / 2, perRound.length);
        Arrays.sort(late);
        return late[late.length / 2];
    }
}
