package org.huzhu.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.huzhu.api.Decision;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.EvaluationResult;
import org.huzhu.api.SubsidyEngine;

/**
 * Issue 8, memory: evaluates a stream of generated Wujin claims (10,000,000 by default) through
 * {@code evaluateAll(Iterator, Consumer)} and prints, at every million, the claims per second so far and the heap
 * still live after a full GC. The generator never holds more than 1,000 requests and the consumer keeps only
 * totals, so what the heap holds is the engine's. Run with a small heap and a GC log (benchmarks/README.md):
 *
 * <pre>java -Xmx64m -Xlog:gc:file=gc.log -cp benchmarks/target/benchmarks.jar org.huzhu.benchmarks.StreamHeap</pre>
 *
 * Arguments: claims (default 10,000,000), threads (default: available processors). Before it reports anything, it
 * checks that the first 2,000 results of the stream are the decisions {@code evaluate} gives each claim alone.
 */
public final class StreamHeap {
    private static final int CHUNK = 1_000;

    private StreamHeap() {
    }

    /** Seeded Wujin claims made a thousand at a time as they are read: the population is never held. */
    static final class Generated implements Iterator<EvaluationRequest> {
        private final long count;
        private long made;
        private List<EvaluationRequest> chunk = List.of();
        private int next;

        Generated(long count) {
            this.count = count;
        }

        @Override
        public boolean hasNext() {
            return made < count;
        }

        @Override
        public EvaluationRequest next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            if (next == chunk.size()) {
                chunk = WujinClaims.generate(EvaluateBenchmark.SEED + made / CHUNK, CHUNK);
                next = 0;
            }
            made++;
            return chunk.get(next++);
        }
    }

    public static void main(String[] args) {
        long claims = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        SubsidyEngine engine = SubsidyEngine.builder().parallelism(threads).build();

        List<EvaluationResult> first = new ArrayList<>();
        engine.evaluateAll(new Generated(2 * CHUNK), first::add);
        Generated check = new Generated(2 * CHUNK);
        for (EvaluationResult r : first) {
            Decision alone = engine.evaluate(check.next());
            if (r.failed() || !r.decision().equals(alone)) {
                throw new IllegalStateException("the stream decides claim " + r.index() + " differently");
            }
        }
        System.out.println("first " + first.size() + " streamed decisions identical to evaluate alone");

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long max = Runtime.getRuntime().maxMemory();
        System.out.printf("claims %,d, threads %d, max heap %d MiB%n", claims, threads, max >> 20);
        System.out.println("claims      seconds  claims/s  live heap after full GC (MiB)");
        long start = System.nanoTime();
        long[] decided = new long[2];
        BigDecimal[] paid = {BigDecimal.ZERO};
        engine.evaluateAll(new Generated(claims), r -> {
            if (r.failed()) {
                decided[1]++;
            } else {
                decided[0]++;
                BigDecimal inpatient = r.decision().amountOf("INPATIENT_SUBSIDY");
                if (inpatient != null) {
                    paid[0] = paid[0].add(inpatient);
                }
            }
            long n = r.index() + 1;
            if (n % 1_000_000 == 0 || n == claims) {
                double seconds = (System.nanoTime() - start) / 1e9;
                System.gc();
                System.out.printf("%,10d  %7.1f  %,8.0f  %.1f%n", n, seconds, n / seconds,
                        memory.getHeapMemoryUsage().getUsed() / 1048576.0);
            }
        });
        System.out.printf("decisions %,d, errors %,d, inpatient subsidy paid %s yuan%n", decided[0], decided[1],
                paid[0].toPlainString());
    }
}
