package org.huzhu.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * What a measurement iteration got from the machine, printed at its end: the CPU this JVM used per second of wall
 * time (1.00 = one core busy; GC threads included), GC time, and the machine's load. It tells a busy machine (the
 * process gets less than its threads ask for) from a cost inside the process (it gets them, and still does not
 * scale).
 */
final class MachineUse {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long wall;
    private long cpu;
    private long gc;

    void start() {
        wall = System.nanoTime();
        cpu = OS.getProcessCpuTime();
        gc = gcMillis();
    }

    /** One line: {@code use: cores 1.93, gc 312 ms, load 3.1} for the iteration since {@link #start}. */
    String report() {
        double seconds = (System.nanoTime() - wall) / 1e9;
        double cores = (OS.getProcessCpuTime() - cpu) / 1e9 / seconds;
        return String.format("use: cores %.2f, gc %d ms, load %.1f", cores, gcMillis() - gc,
                OS.getSystemLoadAverage());
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, b.getCollectionTime());
        }
        return total;
    }
}
