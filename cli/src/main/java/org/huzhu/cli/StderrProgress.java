package org.huzhu.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long command on standard error: a bar (me.tongfei:progressbar) when standard error is a terminal, a
 * plain line every {@link #LINE_MILLIS} ms elsewhere (a log, a CI job), or nothing. Standard output is never touched,
 * so {@code --out -} holds the command's output alone.
 */
final class StderrProgress implements AutoCloseable {
    /** Plain progress lines, when standard error is not a terminal, at most this often. */
    static final long LINE_MILLIS = 5_000;

    private final PrintStream err;
    private final String task;
    private final ProgressBar bar;
    private final boolean silent;
    private long lastLine = System.nanoTime();

    private StderrProgress(PrintStream err, String task, ProgressBar bar, boolean silent) {
        this.err = err;
        this.task = task;
        this.bar = bar;
        this.silent = silent;
    }

    /**
     * Progress toward {@code total} steps (counted in {@code unit}s), or none when {@code quiet}.
     *
     * @param task named on each line and on the bar ({@code huzhu generate})
     */
    static StderrProgress start(PrintStream err, String task, long total, String unit, boolean quiet) {
        return start(err, task, total, unit, 1, quiet);
    }

    /**
     * Progress toward {@code total} steps shown in {@code unit}s of {@code unitSize} steps (bytes shown in MiB), or
     * with no end when {@code total} is not positive.
     */
    static StderrProgress start(PrintStream err, String task, long total, String unit, long unitSize,
            boolean quiet) {
        if (quiet) {
            return new StderrProgress(err, task, null, true);
        }
        if (!stderrIsTerminal()) {
            return new StderrProgress(err, task, null, false);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task)
                .setInitialMax(total > 0 ? total : -1)
                .setUnit(" " + unit, unitSize)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(err))
                .setUpdateIntervalMillis(500)
                .build();
        return new StderrProgress(err, task, bar, false);
    }

    /** {@code done} steps so far; {@code line} describes them, for the plain line (and beside the bar). */
    void update(long done, String line) {
        if (silent) {
            return;
        }
        if (bar != null) {
            bar.stepTo(done);
            bar.setExtraMessage(line);
            return;
        }
        long now = System.nanoTime();
        if ((now - lastLine) / 1_000_000 >= LINE_MILLIS) {
            lastLine = now;
            err.println(task + ": " + line);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }

    /**
     * Whether standard error is a terminal: on Linux, where file descriptor 2 leads; elsewhere, whether the JVM has
     * a console (standard input and output are terminals).
     */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
