package org.huzhu.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a benchmark's CPU time (or its allocation) goes, from a JFR recording that {@code -prof jfr} wrote: of the
 * execution samples taken on JMH's worker threads, the share whose stack passes through each method (inclusive) and
 * the share whose top frame is each method (self), highest first. With {@code alloc} as fourth argument, the same
 * over the allocation samples, each weighed by the bytes it stands for.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ClaimCostBenchmark.evaluate -prof jfr:dir=/tmp/jfr
 * java -cp benchmarks/target/benchmarks.jar org.huzhu.benchmarks.JfrHotspots /tmp/jfr/.../profile.jfr [top] [filter] [alloc]
 * </pre>
 *
 * {@code filter} keeps only methods whose class and name contain it (e.g. {@code huzhu}, {@code drools}).
 */
public final class JfrHotspots {
    private JfrHotspots() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        String filter = args.length > 2 ? args[2] : "";
        boolean alloc = args.length > 3 && args[3].equals("alloc");
        String event = alloc ? "jdk.ObjectAllocationSample" : "jdk.ExecutionSample";
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> self = new HashMap<>();
        long samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (!e.getEventType().getName().equals(event)) {
                continue;
            }
            String field = alloc ? "eventThread" : "sampledThread";
            String thread = e.getThread(field) == null ? "" : e.getThread(field).getJavaName();
            RecordedStackTrace stack = e.getStackTrace();
            if (thread == null || !thread.contains("worker") || stack == null) {
                continue;
            }
            long weight = alloc ? e.getLong("weight") : 1;
            samples += weight;
            List<RecordedFrame> frames = stack.getFrames();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < frames.size(); i++) {
                String m = name(frames.get(i));
                if (i == 0) {
                    self.merge(alloc ? e.getClass("objectClass").getName() + " in " + m : m, weight, Long::sum);
                }
                if (seen.add(m)) {
                    inclusive.merge(m, weight, Long::sum);
                }
            }
        }
        System.out.println(samples + (alloc ? " bytes" : " samples") + " on worker threads of " + file);
        print("inclusive", inclusive, samples, top, filter);
        print("self", self, samples, top, filter);
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void print(String title, Map<String, Long> counts, long samples, int top, String filter) {
        System.out.println("\n" + title + ":");
        counts.entrySet().stream().filter(e -> e.getKey().contains(filter))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf("%6.1f%%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
    }
}
