package org.huzhu.spark;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.huzhu.actuary.population.Population;
import org.huzhu.actuary.population.PopulationEntry;
import org.huzhu.api.InvalidInputException;

/**
 * A CSV population cut at Spark's line splits, each split read by the actuary's own CSV reader
 * ({@link Population#csvRows}) so that values, rows, claims and errors are read exactly as {@code huzhu simulate}
 * reads them. A claim's rows may straddle two splits: a first pass finds, for each split, whether its first claim
 * continues the claim the splits before it ended with, and that claim's rows there (its head) then go to the split
 * that began the claim, behind its own lines. A second pass counts each split's entries, so that the third numbers
 * them as the stream reader does.
 *
 * <p>What a stream can see and a split cannot: a claim id seen again in another split (the stream reader reports
 * it), and an unreadable line (no claim id) right at a split's start, which is an entry of its own.
 */
final class CsvParts implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String header;
    /** Per split: lines before it in the file, lines of it read by an earlier split, and the heads it reads after. */
    private final long[] linesBefore;
    private final int[] skip;
    private final List<List<String>> tails;

    private CsvParts(String source, String header, long[] linesBefore, int[] skip, List<List<String>> tails) {
        this.source = source;
        this.header = header;
        this.linesBefore = linesBefore;
        this.skip = skip;
        this.tails = tails;
    }

    /** What the first pass learns of a split. */
    private record Split(int split, long lines, long entries, String firstClaim, int headLines, List<String> head,
            String lastClaim) implements Serializable {
    }

    /**
     * Plans the cut: the header from the first lines (checked as {@link Population#csv} checks it), then a pass over
     * every split.
     *
     * @throws InvalidInputException the file is empty or its header is refused
     */
    static CsvParts plan(JavaRDD<String> lines, String source) {
        List<String> first = lines.take(1000);
        int headerAt = 0;
        while (headerAt < first.size() && text(first.get(headerAt), headerAt == 0).isBlank()) {
            headerAt++;
        }
        StringBuilder opening = new StringBuilder();
        for (int i = 0; i < Math.min(first.size(), headerAt + 1); i++) {
            opening.append(text(first.get(i), i == 0)).append('\n');
        }
        // Refuses an empty file or a header with unknown, repeated or missing columns, naming them.
        Population.csv(new ByteArrayInputStream(opening.toString().getBytes(StandardCharsets.UTF_8)), source).close();
        String header = text(first.get(headerAt), headerAt == 0);
        int headerLines = headerAt + 1;

        List<Split> splits = new ArrayList<>(lines.mapPartitionsWithIndex((split, it) -> {
            LineStream in = new LineStream(it, split == 0 ? headerLines : 0, List.of(), true);
            long entries = 0;
            String firstClaim = null;
            String lastClaim = null;
            int headLines = 0;
            try (Population part = Population.csvRows(header, new BufferedInputStream(in, 1 << 16), source, 0, 0)) {
                while (part.hasNext()) {
                    PopulationEntry e = part.next();
                    if (entries == 0) {
                        firstClaim = e.claimId();
                        headLines = (int) lastLine(e.where()) + in.skipped();
                        in.keepOnly(headLines - in.skipped());
                    }
                    lastClaim = e.claimId();
                    entries++;
                }
            }
            List<String> head = entries > 0 ? in.kept() : List.of();
            return List.of(new Split(split, in.linesRead(), entries, firstClaim, headLines, head, lastClaim)).iterator();
        }, true).collect());
        splits.sort((a, b) -> Integer.compare(a.split(), b.split()));

        int n = splits.size();
        long[] before = new long[n];
        int[] skip = new int[n];
        List<List<String>> tails = new ArrayList<>();
        long[] tailEnd = new long[n];          // the line number the next line of a split's tail must have
        for (int s = 0; s < n; s++) {
            before[s] = s == 0 ? 0 : before[s - 1] + splits.get(s - 1).lines();
            tails.add(new ArrayList<>());
        }
        skip[0] = headerLines;
        int owner = -1;
        String ownerClaim = null;
        for (int s = 0; s < n; s++) {
            Split split = splits.get(s);
            if (split.entries() == 0) {
                continue;
            }
            if (s > 0 && owner >= 0 && split.firstClaim() != null && split.firstClaim().equals(ownerClaim)) {
                skip[s] = split.headLines();
                List<String> tail = tails.get(owner);
                long at = before[s] + 1;
                long expected = tail.isEmpty() ? before[owner] + splits.get(owner).lines() + 1 : tailEnd[owner];
                for (long gap = expected; gap < at; gap++) {
                    tail.add("");            // blank lines the reader skips, so that numbering stays right
                }
                tail.addAll(split.head());
                tailEnd[owner] = at + split.headLines();
                if (split.entries() > 1) {
                    owner = s;
                    ownerClaim = split.lastClaim();
                }
            } else {
                owner = s;
                ownerClaim = split.lastClaim();
            }
        }
        return new CsvParts(source, header, before, skip, tails);
    }

    /** How many splits begin with rows of a claim an earlier split began: read by that split. */
    int continued() {
        int n = 0;
        for (int s = 1; s < skip.length; s++) {
            n += skip[s] > 0 ? 1 : 0;
        }
        return n;
    }

    /** A split's entries, numbered from {@code indexBefore}. */
    Iterator<PopulationEntry> entries(int split, Iterator<String> lines, long indexBefore) {
        LineStream in = new LineStream(lines, skip[split], tails.get(split), false);
        Population part = Population.csvRows(header, new BufferedInputStream(in, 1 << 16), source,
                linesBefore[split] + skip[split], indexBefore);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (part.hasNext()) {
                    return true;
                }
                part.close();
                return false;
            }

            @Override
            public PopulationEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return part.next();
            }
        };
    }

    /** The first line of a file without its byte-order mark, which the stream readers skip too. */
    private static String text(String line, boolean firstOfFile) {
        return firstOfFile && line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    /** The last line an entry's {@code where} names: {@code claims.csv:12-14} is 14, {@code claims.csv:7} is 7. */
    private static long lastLine(String where) {
        String lines = where.substring(where.lastIndexOf(':') + 1);
        return Long.parseLong(lines.substring(lines.indexOf('-') + 1));
    }

    /**
     * A split's lines as the UTF-8 stream the reader takes: its first {@code skip} lines left out, then a tail; it
     * keeps the lines it streams while asked to, so that the first pass can hand a split's head on.
     */
    private static final class LineStream extends InputStream {
        private final Iterator<String> lines;
        private final Iterator<String> tail;
        private final int skip;
        private final List<String> kept = new ArrayList<>();
        private boolean keeping;
        private long read;
        private byte[] current = new byte[0];
        private int at;

        LineStream(Iterator<String> lines, int skip, List<String> tail, boolean keep) {
            this.lines = lines;
            this.skip = skip;
            this.tail = tail.iterator();
            this.keeping = keep;
        }

        @Override
        public int read() {
            if (!fill()) {
                return -1;
            }
            return current[at++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, current.length - at);
            System.arraycopy(current, at, b, off, n);
            at += n;
            return n;
        }

        private boolean fill() {
            while (at == current.length) {
                String line;
                if (lines.hasNext()) {
                    line = lines.next();
                    read++;
                    if (read <= skip) {
                        continue;
                    }
                    if (keeping) {
                        kept.add(line);
                    }
                } else if (tail.hasNext()) {
                    line = tail.next();
                } else {
                    return false;
                }
                current = (line + "\n").getBytes(StandardCharsets.UTF_8);
                at = 0;
            }
            return true;
        }

        /** The split's lines, skipped ones included (reading any left). */
        long linesRead() {
            while (lines.hasNext()) {
                lines.next();
                read++;
            }
            return read;
        }

        int skipped() {
            return skip;
        }

        /** Keeps the split's first {@code n} lines after those skipped, and no more from now on. */
        void keepOnly(int n) {
            keeping = false;
            kept.subList(Math.min(n, kept.size()), kept.size()).clear();
        }

        List<String> kept() {
            return Collections.unmodifiableList(new ArrayList<>(kept));
        }
    }
}
