package org.huzhu.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a forked run's {@code -Xlog:gc:file=...} says about its heap: the collections, and the largest heap before a
 * collection (the fullest it got, bounded by {@code -Xmx}) and after one (what the run keeps), in MB.
 */
record GcLog(long collections, long largestBeforeMb, long largestAfterMb) {
    private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    static GcLog read(Path log) throws IOException {
        long after = 0;
        long before = 0;
        long collections = 0;
        for (String line : Files.readAllLines(log)) {
            Matcher m = GC.matcher(line);
            if (m.find()) {
                collections++;
                before = Math.max(before, Long.parseLong(m.group(1)));
                after = Math.max(after, Long.parseLong(m.group(2)));
            }
        }
        return new GcLog(collections, before, after);
    }
}
